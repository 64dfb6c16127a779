namespace EnvioMassa.Evolution;

/// <summary>
/// What a campaign sends to one recipient: its rendered text, alone or as the caption of the campaign's attachment.
/// </summary>
/// <param name="MediaType"><c>image</c>, <c>document</c>, <c>video</c> or <c>audio</c>; null for a text message.</param>
public sealed record CampaignMessage(string Text, string? MediaType = null, string? MediaUrl = null, string? FileName = null)
{
    /// <summary>One request: <c>sendMedia</c> with the text as caption when there is an attachment, else <c>sendText</c>.</summary>
    public Task<SendResult> SendAsync(IEvolutionClient evolution, string instance, string number, string? instanceToken,
        CancellationToken ct, DateTimeOffset? leaveBy = null, TimeSpan? typing = null) =>
        MediaType is { } type && MediaUrl is { } url
            ? evolution.SendMediaAsync(instance, new SendMediaRequest(number, type, url) { Caption = Text, FileName = FileName },
                instanceToken, ct, leaveBy, typing)
            : evolution.SendTextAsync(instance, number, Text, instanceToken, ct, leaveBy, typing);
}

namespace EnvioMassa.Evolution;

/// <summary>A <c>sendMedia</c> body. <see cref="Media"/> is an http(s) URL or raw base64 (a <c>data:</c> URI is refused).</summary>
/// <param name="MediaType"><c>image</c>, <c>document</c>, <c>video</c> or <c>audio</c>.</param>
public sealed record SendMediaRequest(string Number, string MediaType, string Media)
{
    public string? MimeType { get; init; }

    public string? Caption { get; init; }

    /// <summary>Required by Evolution for base64 documents.</summary>
    public string? FileName { get; init; }
}

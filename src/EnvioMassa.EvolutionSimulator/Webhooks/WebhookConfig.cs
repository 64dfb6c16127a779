namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>What <c>POST /webhook/set</c> stored for an instance (or the default target set by the control API).</summary>
public sealed record WebhookConfig(
    bool Enabled,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    bool ByEvents,
    bool Base64,
    IReadOnlyList<string> Events)
{
    /// <summary>Event names are configured upper snake case (<c>MESSAGES_UPDATE</c>) and sent dotted lower case.</summary>
    public bool Wants(string dottedEvent) =>
        Enabled && Events.Contains(dottedEvent.Replace('.', '_').ToUpperInvariant(), StringComparer.OrdinalIgnoreCase);

    public string UrlFor(string dottedEvent) =>
        ByEvents ? Url.TrimEnd('/') + "/" + dottedEvent.Replace('.', '-') : Url;
}

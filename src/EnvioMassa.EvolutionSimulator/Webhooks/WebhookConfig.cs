namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// A webhook Evolution posts to: what <c>POST /webhook/set</c> stored for an instance, the default target set
/// by the control API, or the global webhook (which has no headers).
/// </summary>
public sealed record WebhookConfig(
    bool Enabled,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    bool ByEvents,
    bool Base64,
    IReadOnlyList<string> Events)
{
    public static WebhookConfig Global(bool enabled, string url, bool byEvents, IReadOnlyList<string> events) =>
        new(enabled, url, new Dictionary<string, string>(), byEvents, Base64: false, events);

    /// <summary>Event names are configured upper snake case (<c>MESSAGES_UPDATE</c>) and sent dotted lower case.</summary>
    public bool Wants(string dottedEvent) =>
        Enabled && Events.Contains(WebhookEvents.Configured(dottedEvent), StringComparer.Ordinal);

    /// <summary>
    /// Plain concatenation, as Evolution does it: a trailing slash doubles and a query string swallows the suffix
    /// (<c>http://h/hook?token=abc</c> becomes <c>http://h/hook?token=abc/connection-update</c>).
    /// </summary>
    public string UrlFor(string dottedEvent) => ByEvents ? Url + "/" + WebhookEvents.Dashed(dottedEvent) : Url;

    /// <summary>Evolution posts only to URLs matching <c>/^(https?:\/\/)/</c> and drops the others without a word.</summary>
    public static bool IsPostable(string url) =>
        url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal);
}

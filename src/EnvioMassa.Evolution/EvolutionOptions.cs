namespace EnvioMassa.Evolution;

/// <summary>Where Evolution API is and how long to wait for it (configuration section <c>Evolution</c>).</summary>
public sealed class EvolutionOptions
{
    public const string Section = "Evolution";

    public string BaseUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The global key; an instance's own token, when it has one, takes its place on that instance's calls.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// The shared secret of Evolution's webhooks: in <c>X-Webhook-Token</c>, as the key of the Bearer JWT (<c>jwt_key</c>)
    /// or in <c>?token=</c> (ADR 0005).
    /// </summary>
    public string WebhookToken { get; set; } = "";

    /// <summary>The whole of one send attempt; sends are never retried here.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Each attempt of a read (connection state, number check); reads are retried.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public override string ToString() =>
        $"EvolutionOptions {{ BaseUrl = {BaseUrl}, ApiKey = {Redact(ApiKey)}, WebhookToken = {Redact(WebhookToken)}, " +
        $"SendTimeout = {SendTimeout}, QueryTimeout = {QueryTimeout} }}";

    internal static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "(vazio)" : "***";
}

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// Evolution's server-wide webhook (<c>WEBHOOK_GLOBAL_*</c>, <c>WEBHOOK_EVENTS_*</c>), section
/// <c>Simulator:GlobalWebhook</c>. <see cref="Events"/> is keyed like Evolution's: <c>Events:CONNECTION_UPDATE=true</c>.
/// </summary>
public sealed class GlobalWebhookOptions
{
    public bool Enabled { get; set; }

    public string Url { get; set; } = "";

    public bool ByEvents { get; set; }

    public Dictionary<string, bool> Events { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public WebhookConfig ToConfig() => WebhookConfig.Global(
        Enabled, Url, ByEvents, [.. Events.Where(e => e.Value).Select(e => e.Key.ToUpperInvariant()).Order(StringComparer.Ordinal)]);
}

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>Event names as they travel in the webhook envelope.</summary>
public static class WebhookEvents
{
    public const string SendMessage = "send.message";
    public const string MessagesUpdate = "messages.update";
    public const string ConnectionUpdate = "connection.update";

    /// <summary>What the default target (<c>PUT /_sim/webhook-target</c>) receives unless told otherwise.</summary>
    public static readonly string[] DefaultTargetEvents = ["MESSAGES_UPDATE", "CONNECTION_UPDATE"];
}

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>Event names as they travel in the webhook envelope, and the spellings Evolution derives from them.</summary>
public static class WebhookEvents
{
    public const string SendMessage = "send.message";
    public const string MessagesUpdate = "messages.update";
    public const string MessagesUpsert = "messages.upsert";
    public const string ConnectionUpdate = "connection.update";

    /// <summary>What the default target (<c>PUT /_sim/webhook-target</c>) receives unless told otherwise.</summary>
    public static readonly string[] DefaultTargetEvents = ["MESSAGES_UPDATE", "CONNECTION_UPDATE"];

    /// <summary>Evolution's <c>EventController.events</c>: what an enabled <c>webhook/set</c> with an empty list subscribes to.</summary>
    public static readonly string[] All =
    [
        "APPLICATION_STARTUP", "QRCODE_UPDATED", "MESSAGES_SET", "MESSAGES_UPSERT", "MESSAGES_EDITED", "MESSAGES_UPDATE",
        "MESSAGES_DELETE", "SEND_MESSAGE", "SEND_MESSAGE_UPDATE", "CONTACTS_SET", "CONTACTS_UPSERT", "CONTACTS_UPDATE",
        "PRESENCE_UPDATE", "CHATS_SET", "CHATS_UPSERT", "CHATS_UPDATE", "CHATS_DELETE", "GROUPS_UPSERT", "GROUP_UPDATE",
        "GROUP_PARTICIPANTS_UPDATE", "CONNECTION_UPDATE", "LABELS_EDIT", "LABELS_ASSOCIATION", "CALL", "TYPEBOT_START",
        "TYPEBOT_CHANGE_STATUS", "REMOVE_INSTANCE", "LOGOUT_INSTANCE", "INSTANCE_CREATE", "INSTANCE_DELETE", "STATUS_INSTANCE",
    ];

    /// <summary><c>messages.update</c> → <c>MESSAGES_UPDATE</c>, the name in <c>events</c> lists.</summary>
    public static string Configured(string dottedEvent) => dottedEvent.Replace('.', '_').Replace('-', '_').ToUpperInvariant();

    /// <summary><c>messages.update</c> → <c>messages-update</c>, the suffix of <c>byEvents</c> URLs.</summary>
    public static string Dashed(string dottedEvent) => Configured(dottedEvent).Replace('_', '-').ToLowerInvariant();
}

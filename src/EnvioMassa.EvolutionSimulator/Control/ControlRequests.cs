namespace EnvioMassa.EvolutionSimulator.Control;

/// <summary>Body of <c>PUT /_sim/instances/{name}</c>: omitted fields keep their value; an empty token removes it.</summary>
public sealed record InstanceUpsert(string? Token, string? State);

/// <summary>Body of <c>PUT /_sim/instances/{name}/state</c>.</summary>
public sealed record StateChange(string State, bool Webhook = false, int? StatusReason = null);

/// <summary>Body of <c>PUT /_sim/numbers/missing</c>: the whole list of numbers that are not on WhatsApp.</summary>
public sealed record MissingNumbers(IReadOnlyList<string> Numbers);

/// <summary>Body of <c>PUT /_sim/webhook-target</c>; a null url removes the default target.</summary>
public sealed record WebhookTarget(
    string? Url,
    IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyList<string>? Events = null,
    bool ByEvents = false);

/// <summary>
/// Body of <c>PUT /_sim/global-webhook</c> and answer of <c>GET</c>: Evolution's <c>WEBHOOK_GLOBAL_*</c> and
/// <c>WEBHOOK_EVENTS_*</c>, with events spelled as in <c>webhook/set</c> (<c>CONNECTION_UPDATE</c>).
/// </summary>
public sealed record GlobalWebhookSettings(bool Enabled, string? Url = null, bool ByEvents = false, IReadOnlyList<string>? Events = null);

/// <summary>
/// Body of <c>POST /_sim/webhooks/messages-update</c>; instance and remoteJid only for unknown key ids;
/// participant only for a group message.
/// </summary>
public sealed record MessagesUpdate(string KeyId, string Status, string? Instance = null, string? RemoteJid = null, string? Participant = null);

/// <summary>
/// Body of <c>POST /_sim/webhooks/messages-upsert</c>: a text that <see cref="From"/> sent to the instance. With
/// <see cref="Lid"/> the chat is LID-addressed, as WhatsApp does more and more: <c>remoteJid</c> is then the
/// LID and the phone number moves to <c>remoteJidAlt</c>.
/// </summary>
public sealed record MessagesUpsert(string Instance, string From, string Text, string? PushName = null, string? Lid = null);

/// <summary>How <c>/_sim/instances</c> shows an instance (never its token).</summary>
public sealed record InstanceView(string Name, string State, string InstanceId, string Wuid, bool HasToken, string? WebhookUrl);

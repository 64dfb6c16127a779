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

/// <summary>Body of <c>POST /_sim/webhooks/messages-update</c>; instance and remoteJid only for unknown key ids.</summary>
public sealed record MessagesUpdate(string KeyId, string Status, string? Instance = null, string? RemoteJid = null);

/// <summary>How <c>/_sim/instances</c> shows an instance (never its token).</summary>
public sealed record InstanceView(string Name, string State, string InstanceId, string Wuid, bool HasToken, string? WebhookUrl);

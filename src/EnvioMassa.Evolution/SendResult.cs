namespace EnvioMassa.Evolution;

/// <summary>What a send's answer means for the recipient row and the campaign.</summary>
public enum SendOutcome
{
    /// <summary>Evolution took the message (201 with <c>key.id</c>).</summary>
    Accepted,

    /// <summary>This recipient or this message can never be sent as it is (not on WhatsApp, validation): fail the row.</summary>
    RecipientFailure,

    /// <summary>The instance cannot send (disconnected, unknown, key refused): pause, the row is not at fault.</summary>
    InstanceFailure,

    /// <summary>Worth another attempt later (timeouts, 5xx, 429, <c>Error: Timed Out</c>, connection failures).</summary>
    Transient,

    /// <summary>
    /// The request never left: it would have left after the moment it was allowed to (see the <c>leaveBy</c> of
    /// <see cref="IEvolutionClient.SendTextAsync"/>). Nothing reached Evolution.
    /// </summary>
    NotSent,
}

/// <param name="MessageId">Evolution's <c>key.id</c>, which delivery webhooks correlate on.</param>
/// <param name="RemoteJid">The JID Evolution used, which may differ from the number sent.</param>
/// <param name="HttpStatus">Null when no answer came (timeout, connection failure).</param>
/// <param name="Description">Portuguese, for <c>erro_mensagem</c>; quotes Evolution's own message.</param>
/// <param name="DispatchedAt">When the request left for Evolution (null if it never did).</param>
public sealed record SendResult(SendOutcome Outcome, string? MessageId, string? RemoteJid, int? HttpStatus, string Description,
    DateTimeOffset? DispatchedAt = null);

namespace EnvioMassa.Evolution;

/// <summary>What a send's answer means for the recipient row and the campaign.</summary>
public enum SendOutcome
{
    /// <summary>Evolution took the message (a 2xx with <c>key.id</c>; a 2xx alone is not enough).</summary>
    Accepted,

    /// <summary>
    /// Fail the row for good: this recipient or this message can never be sent as it is (not on WhatsApp, validation,
    /// Meta's refusal of this recipient), or a 2xx came without <c>key.id</c> and resending could duplicate it.
    /// </summary>
    RecipientFailure,

    /// <summary>
    /// The instance cannot send (disconnected, unknown, key refused, a Cloud API number Meta will not let send):
    /// pause, the row is not at fault.
    /// </summary>
    InstanceFailure,

    /// <summary>
    /// The instance can never send again, whatever is retried or reconnected: Evolution has no instance by this name
    /// (404 <c>The "x" instance does not exist</c>: it was deleted there), or Meta deleted the Cloud API business number
    /// (code 33). The campaign cannot go on; the row is not at fault.
    /// </summary>
    InstanceGone,

    /// <summary>
    /// Worth another attempt later (timeouts, 5xx, 429, a 400 that is Evolution's own failure such as
    /// <c>Error: Timed Out</c> or <c>TypeError: …</c>, Meta's rate limits, connection failures).
    /// </summary>
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

namespace EnvioMassa.Evolution;

/// <summary>
/// The Evolution API v2 calls EnvioMassa makes. Each send is exactly one HTTP request: a send that fails is
/// classified, never retried here, because the sending pipeline paces and counts every attempt.
/// <paramref name="instanceToken"/> replaces the global key when given.
/// </summary>
public interface IEvolutionClient
{
    /// <param name="leaveBy">
    /// If given, the request is not sent when it would leave after this moment (<see cref="SendOutcome.NotSent"/>);
    /// checked at the last step before the socket.
    /// </param>
    /// <param name="typing">
    /// Evolution's <c>delay</c>: it shows "typing…" to the recipient for this long, then sends, and answers after that;
    /// the request's timeout grows by as much.
    /// </param>
    Task<SendResult> SendTextAsync(string instance, string number, string text, string? instanceToken, CancellationToken ct,
        DateTimeOffset? leaveBy = null, TimeSpan? typing = null);

    /// <param name="leaveBy">As for <see cref="SendTextAsync"/>.</param>
    /// <param name="typing">As for <see cref="SendTextAsync"/>.</param>
    Task<SendResult> SendMediaAsync(string instance, SendMediaRequest media, string? instanceToken, CancellationToken ct,
        DateTimeOffset? leaveBy = null, TimeSpan? typing = null);

    /// <summary>Never throws for Evolution's answers or for an unreachable server: see <see cref="ConnectionStateResult.State"/>.</summary>
    Task<ConnectionStateResult> GetConnectionStateAsync(string instance, string? instanceToken, CancellationToken ct);

    /// <summary>
    /// Runs one send request through the whole client stack without sending anything (an empty text to an instance
    /// name no one uses: Evolution refuses it before any send), so the first real send of a process leaves on time.
    /// </summary>
    Task WarmUpAsync(CancellationToken ct);

    /// <summary>Throws <see cref="EvolutionException"/> when Evolution does not answer with the list.</summary>
    Task<IReadOnlyList<WhatsAppNumber>> CheckNumbersAsync(
        string instance, IReadOnlyCollection<string> numbers, string? instanceToken, CancellationToken ct);
}

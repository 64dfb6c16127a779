namespace EnvioMassa.Evolution;

/// <summary>
/// The Evolution API v2 calls EnvioMassa makes. Each send is exactly one HTTP request: a send that fails is
/// classified, never retried here, because the sending pipeline paces and counts every attempt.
/// <paramref name="instanceToken"/> replaces the global key when given.
/// </summary>
public interface IEvolutionClient
{
    Task<SendResult> SendTextAsync(string instance, string number, string text, string? instanceToken, CancellationToken ct);

    Task<SendResult> SendMediaAsync(string instance, SendMediaRequest media, string? instanceToken, CancellationToken ct);

    /// <summary>Never throws for Evolution's answers or for an unreachable server: see <see cref="ConnectionStateResult.State"/>.</summary>
    Task<ConnectionStateResult> GetConnectionStateAsync(string instance, string? instanceToken, CancellationToken ct);

    /// <summary>Throws <see cref="EvolutionException"/> when Evolution does not answer with the list.</summary>
    Task<IReadOnlyList<WhatsAppNumber>> CheckNumbersAsync(
        string instance, IReadOnlyCollection<string> numbers, string? instanceToken, CancellationToken ct);
}

namespace EnvioMassa.Evolution;

/// <summary>A read that Evolution did not answer as expected; the message is Portuguese and quotes Evolution.</summary>
public sealed class EvolutionException(SendOutcome classification, int? httpStatus, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>What the failure means, in the same terms as a send's.</summary>
    public SendOutcome Classification { get; } = classification;

    public int? HttpStatus { get; } = httpStatus;
}

namespace EnvioMassa.EvolutionSimulator.Faults;

/// <summary>
/// The JSON shape of <c>GET/PUT /_sim/config</c> and of the <c>Simulator:Faults</c> configuration section.
/// A PUT replaces the whole settings: omitted fields go back to their defaults.
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Added to every Evolution request before it is answered.</summary>
    public int LatencyMs { get; set; }

    /// <summary>A uniformly random extra of 0..JitterMs on top of <see cref="LatencyMs"/>.</summary>
    public int JitterMs { get; set; }

    /// <summary>Seed of the random source behind jitter and rates; null picks a fresh one.</summary>
    public int? Seed { get; set; }

    /// <summary>How long a <c>timeout</c> fault holds the request before dropping the connection.</summary>
    public int TimeoutHoldMs { get; set; } = 30_000;

    public FaultRates Rates { get; set; } = new();

    public string? Validate()
    {
        if (LatencyMs < 0 || JitterMs < 0 || TimeoutHoldMs < 0)
        {
            return "latencyMs, jitterMs and timeoutHoldMs must not be negative";
        }
        var rates = Rates.All().Select(r => r.Rate).ToList();
        if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r)))
        {
            return "every rate must be between 0 and 1";
        }
        return rates.Sum() > 1 ? "the rates must not add up to more than 1" : null;
    }
}

/// <summary>Probability (0..1) that a send gets each fault; at most one fault per request.</summary>
public sealed class FaultRates
{
    public double Error5xx { get; set; }
    public double Timeout { get; set; }
    public double TimedOut { get; set; }
    public double TooManyRequests { get; set; }
    public double ExistsFalse { get; set; }
    public double CloudRefused { get; set; }
    public double InternalError { get; set; }

    public IEnumerable<(FaultKind Kind, double Rate)> All() =>
    [
        (FaultKind.Error5xx, Error5xx),
        (FaultKind.Timeout, Timeout),
        (FaultKind.TimedOut, TimedOut),
        (FaultKind.TooManyRequests, TooManyRequests),
        (FaultKind.ExistsFalse, ExistsFalse),
        (FaultKind.CloudRefused, CloudRefused),
        (FaultKind.InternalError, InternalError),
    ];
}

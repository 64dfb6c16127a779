namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// Evolution's <c>WEBHOOK_RETRY_*</c> settings with its defaults (section <c>Simulator:WebhookRetry</c>), and the
/// schedule its <c>retryWebhookRequest</c> follows: <see cref="MaxAttempts"/> attempts in all, the wait after
/// attempt n being <c>min(initial · 2^(n-1), max)</c> moved by up to ± <see cref="JitterFactor"/>, never below
/// the initial delay; no further attempt after a status in <see cref="NonRetryableStatusCodes"/>.
/// </summary>
public sealed class WebhookRetryOptions
{
    private static readonly int[] EvolutionNonRetryable = [400, 401, 403, 404, 422];

    public int MaxAttempts { get; set; } = 10;

    /// <summary>Whole seconds in Evolution; fractions are allowed here so that tests can run the schedule fast.</summary>
    public double InitialDelaySeconds { get; set; } = 5;

    public bool UseExponentialBackoff { get; set; } = true;

    public double MaxDelaySeconds { get; set; } = 300;

    public double JitterFactor { get; set; } = 0.2;

    /// <summary>Null means Evolution's list (a configured list would otherwise be appended to a default one).</summary>
    public int[]? NonRetryableStatusCodes { get; set; }

    public IReadOnlyList<int> FinalStatusCodes => NonRetryableStatusCodes ?? EvolutionNonRetryable;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based); <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        var delay = InitialDelaySeconds;
        if (UseExponentialBackoff)
        {
            delay = Math.Min(InitialDelaySeconds * Math.Pow(2, attempt - 1), MaxDelaySeconds);
            var jitter = delay * JitterFactor * (random * 2 - 1);
            delay = Math.Max(InitialDelaySeconds, delay + jitter);
        }
        return TimeSpan.FromSeconds(delay);
    }

    public string? Validate() =>
        MaxAttempts < 1 ? "Simulator:WebhookRetry:MaxAttempts must be at least 1"
        : InitialDelaySeconds < 0 || MaxDelaySeconds < 0 || JitterFactor < 0 ? "Simulator:WebhookRetry delays and jitter must not be negative"
        : null;
}

namespace EnvioMassa.Worker.Sender;

public sealed class SenderOptions
{
    public const string Section = "Sender";

    /// <summary>Calls per row that may fail for the row's own sake (the seed's rule); instance failures don't count.</summary>
    public int MaxTentativas { get; set; } = 3;

    /// <summary>Wait before the n-th retry of a transient failure (the last value repeats).</summary>
    public TimeSpan[] Backoff { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)];

    /// <summary>When the instance was down, its row is not scheduled again before this.</summary>
    public TimeSpan EsperaInstancia { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages one sender process works on at once (most of them wait for their instance's turn).</summary>
    public int ConcurrentMessages { get; set; } = 32;

    /// <summary>
    /// A send's turn is at least this far after its claim, so the claim's commit is over when the call starts and
    /// commit jitter stays out of the gaps Evolution sees.
    /// </summary>
    public TimeSpan TurnLead { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// A send that would leave later than this after its turn is not sent: it goes back to the queue with its attempt
    /// uncounted. A sender stalled that long (a starved thread pool, a commit that hung) no longer owns the pace.
    /// </summary>
    public TimeSpan MaxDispatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A turn whose sender never reported back (it died) lapses after this; longer than Evolution's send timeout
    /// plus <see cref="MaxDispatchDelay"/>.
    /// </summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the sender keeps trying to store a result it already got from Evolution.</summary>
    public TimeSpan StoreResultFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A campaign pauses by itself when at least <see cref="FailureBurstRatio"/> of its last
    /// <see cref="FailureBurstWindow"/> final rows failed: a bad list or a broken template should not burn the whole
    /// list. 0 turns it off.
    /// </summary>
    public int FailureBurstWindow { get; set; } = 20;

    public double FailureBurstRatio { get; set; } = 0.8;
}

namespace EnvioMassa.Worker.Scheduler;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How far ahead slots are handed out. Small on purpose: pause, cancel and edits never fight a backlog.</summary>
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At least this many slots per instance are kept in flight, whatever the interval.</summary>
    public int MinSlotsAhead { get; set; } = 2;

    /// <summary>The first slot of an idle instance is this far in the future, so the publish reaches the broker first.</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(250);
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How often the connection state of an instance with a campaign sending is asked of Evolution (P5). An instance
    /// is also checked right away when its campaigns start sending, before its first slot.
    /// </summary>
    public TimeSpan InstanceCheckEvery { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An <c>agendado</c> row this long past its slot lost its message: it goes back to <c>pendente</c>.</summary>
    public TimeSpan ScheduledGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An <c>enviando</c> row older than this belongs to a sender that died; it is resolved as <c>incerto</c>.</summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A final row not counted after this long lost its result event: the event is published again.</summary>
    public TimeSpan UncountedGrace { get; set; } = TimeSpan.FromSeconds(30);
}

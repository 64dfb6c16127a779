namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// The wall clock that sending windows (and, later, daily caps) are judged by. Kept apart from the
/// <see cref="TimeProvider"/> that paces sends: pacing is durations on the database's clock, shared by every sender,
/// while a window is a calendar question — so a test can move the calendar to 19:59 or to Monday 08:00 without
/// touching how slots, delay queues and the pacing gate measure time.
/// </summary>
public sealed class Calendario(TimeProvider relogio)
{
    public static Calendario Sistema { get; } = new(TimeProvider.System);

    public DateTimeOffset Agora() => relogio.GetUtcNow();
}

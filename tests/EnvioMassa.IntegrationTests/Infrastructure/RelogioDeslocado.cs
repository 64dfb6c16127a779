namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>
/// A clock that runs at real speed from a moment the test chooses (say, Friday 19:59:57 in São Paulo) and can jump
/// (to Monday 08:00). Given to the worker's calendar only, so windows see the test's time while pacing, delay queues
/// and the simulator keep the real one.
/// </summary>
public sealed class RelogioDeslocado : TimeProvider
{
    TimeSpan _deslocamento;

    public DateTimeOffset Ajustar(DateTimeOffset agora)
    {
        _deslocamento = agora - System.GetUtcNow();
        return agora;
    }

    public TimeSpan Deslocamento => _deslocamento;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _deslocamento;
}

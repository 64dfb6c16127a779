namespace EnvioMassa.Worker.Scheduler;

/// <summary>Why the instance monitor checks an instance now (see <see cref="EstadoDasInstancias.VerificacaoDevida"/>).</summary>
public enum MotivoDaVerificacao
{
    /// <summary>Never checked by this process, or <c>Scheduler:InstanceCheckEvery</c> has passed since the last check.</summary>
    Periodica,

    /// <summary>The instance's campaigns changed since the last check: one started, was resumed or was paused.</summary>
    CampanhasMudaram,
}

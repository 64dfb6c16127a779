namespace EnvioMassa.Api.Idempotencia;

/// <summary>Configuration section <c>Idempotencia</c>.</summary>
public sealed class IdempotenciaOptions
{
    public const string Section = "Idempotencia";

    /// <summary>The contract's promise: a key answers the same for 24 h after its first call, then it is free again.</summary>
    public static readonly TimeSpan Validade = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a duplicate waits for the first call with its key to finish before it is answered 409 "em andamento".
    /// Longer than a normal call (an <c>iniciar</c> waits up to <c>Api:TransicaoTimeout</c> for the saga).
    /// </summary>
    public TimeSpan Espera { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often expired keys are deleted, at most <see cref="MaximoPorLimpeza"/> per round.</summary>
    public TimeSpan LimpezaACada { get; set; } = TimeSpan.FromMinutes(10);

    public int MaximoPorLimpeza { get; set; } = 10_000;
}

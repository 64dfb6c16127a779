namespace EnvioMassa.Data.Entities;

/// <summary>
/// Detail-row statuses: the seed's <c>pendente/enviado/erro</c> plus the states the pipeline needs.
/// pendente → agendado → enviando → enviado | erro | pendente (retry, pause, instance down); enviando → incerto (crash
/// after the call); pendente|agendado → cancelado. See docs/architecture.md.
/// </summary>
public static class StatusEnvio
{
    public const string Pendente = "pendente";
    public const string Agendado = "agendado";
    public const string Enviando = "enviando";
    public const string Enviado = "enviado";
    public const string Erro = "erro";
    public const string Incerto = "incerto";
    public const string Cancelado = "cancelado";

    public static readonly IReadOnlyList<string> Todos = [Pendente, Agendado, Enviando, Enviado, Erro, Incerto, Cancelado];

    /// <summary>States a row never leaves.</summary>
    public static readonly IReadOnlyList<string> Finais = [Enviado, Erro, Incerto, Cancelado];

    public static bool EhFinal(string status) => Finais.Contains(status);
}

namespace EnvioMassa.Data.Entities;

/// <summary>
/// Detail-row statuses: the seed's <c>pendente/enviado/erro</c> plus the states the pipeline needs.
/// pendente → agendado → enviando → enviado | erro | pendente (retry, pause, instance down); enviando → incerto (crash
/// after the call); pendente|agendado → cancelado; pendente|agendado → bloqueado (opt-out). See docs/architecture.md.
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

    /// <summary>The customer opted out (blocklist): final, not a failure, counted apart.</summary>
    public const string Bloqueado = "bloqueado";

    public static readonly IReadOnlyList<string> Todos = [Pendente, Agendado, Enviando, Enviado, Erro, Incerto, Cancelado, Bloqueado];

    /// <summary>States a row never leaves.</summary>
    public static readonly IReadOnlyList<string> Finais = [Enviado, Erro, Incerto, Cancelado, Bloqueado];

    public static bool EhFinal(string status) => Finais.Contains(status);
}

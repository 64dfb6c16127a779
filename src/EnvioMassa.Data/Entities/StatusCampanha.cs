namespace EnvioMassa.Data.Entities;

/// <summary>The seed's campaign statuses plus <c>cancelada</c>. See docs/architecture.md.</summary>
public static class StatusCampanha
{
    public const string Rascunho = "rascunho";
    public const string Agendada = "agendada";
    public const string Enviando = "enviando";
    public const string Pausada = "pausada";
    public const string Concluida = "concluida";
    public const string Cancelada = "cancelada";
    public const string Erro = "erro";

    public static readonly IReadOnlyList<string> Todos = [Rascunho, Agendada, Enviando, Pausada, Concluida, Cancelada, Erro];

    /// <summary>States a campaign never leaves.</summary>
    public static readonly IReadOnlyList<string> Finais = [Concluida, Cancelada, Erro];

    public static readonly IReadOnlyList<string> NaoFinais = [Rascunho, Agendada, Enviando, Pausada];

    /// <summary>States in which the campaign is on its way to sending or sending: its instance is in use.</summary>
    public static readonly IReadOnlyList<string> EmAndamento = [Agendada, Enviando, Pausada];
}

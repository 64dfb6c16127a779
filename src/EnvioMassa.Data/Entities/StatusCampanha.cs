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
}

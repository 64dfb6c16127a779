using EnvioMassa.Data.Entities;

namespace EnvioMassa.Worker.Saga;

/// <summary>The Portuguese reasons a refused command carries (the API shows them in its 409); each names the current state.</summary>
public static class MotivosRecusa
{
    public const string StatusInexistente = "inexistente";

    public static string CampanhaInexistente(int campanhaId) => $"A campanha {campanhaId} não existe.";

    public static string Iniciar(string status) => status switch
    {
        StatusCampanha.Agendada => "A campanha já está agendada; cancele-a primeiro se não quiser esperar o agendamento.",
        StatusCampanha.Enviando => "A campanha já está enviando.",
        StatusCampanha.Pausada => "A campanha está pausada; use retomar para continuar o envio.",
        _ => Final(status, "iniciada"),
    };

    public static string Pausar(string status) => status switch
    {
        StatusCampanha.Pausada => "A campanha já está pausada.",
        StatusCampanha.Rascunho or StatusCampanha.Agendada =>
            $"A campanha está {Descricao(status)}; só uma campanha enviando pode ser pausada.",
        _ => Final(status, "pausada"),
    };

    public static string Retomar(string status) => status switch
    {
        StatusCampanha.Enviando => "A campanha já está enviando.",
        StatusCampanha.Rascunho or StatusCampanha.Agendada =>
            $"A campanha está {Descricao(status)}; só uma campanha pausada pode ser retomada.",
        _ => Final(status, "retomada"),
    };

    public static string Cancelar(string status) => status switch
    {
        StatusCampanha.Cancelada => "A campanha já está cancelada.",
        _ => Final(status, "cancelada"),
    };

    static string Final(string status, string participio) =>
        $"A campanha está {Descricao(status)}, um estado final, e não pode mais ser {participio}.";

    static string Descricao(string status) => status switch
    {
        StatusCampanha.Rascunho => "em rascunho",
        StatusCampanha.Concluida => "concluída",
        StatusCampanha.Erro => "em erro",
        _ => status,
    };
}

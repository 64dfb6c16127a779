namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Why a campaign went to <c>erro</c> (the <c>CampanhaFalhou</c> reason, kept in <c>motivo_pausa</c>): only causes no
/// retry, reconnection or resume can fix (docs/adr/0008-exclusao-e-erro.md). Each says what the operator can do next.
/// </summary>
public static class MotivoDeErro
{
    const string Reenvio = "Os envios que não saíram ficaram pendentes: reenvie-os por outro número com " +
                           "POST /api/campanhas/{id}/reenviar {\"status\": [\"pendente\"], \"instanciaId\": <outra instância>}.";

    public static string InstanciaExcluida(string instancia) =>
        $"Erro: a instância {instancia} foi excluída com a campanha em andamento. {Reenvio}";

    /// <param name="resposta">What Evolution answered, as the classifier describes it (it names the cause).</param>
    public static string InstanciaSemVolta(string instancia, string resposta) =>
        $"Erro: a instância {instancia} não pode mais enviar ({resposta}); nenhuma nova tentativa resolve. {Reenvio}";
}

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Why a campaign went to <c>erro</c> (the <c>CampanhaFalhou</c> reason, kept in <c>motivo_pausa</c>): only causes no
/// retry, reconnection or resume can fix (docs/adr/0008-exclusao-e-erro.md). Each names what the operator can do next.
/// </summary>
public static class MotivoDeErro
{
    const string Reenvio = "Os envios que não saíram continuam pendentes: use POST /api/campanhas/{0}/reenviar com " +
                           "{{\"status\": [\"pendente\"], \"instanciaId\": <outra instância>}} para enviá-los por outro número.";

    public static string InstanciaExcluida(int campanhaId, string instancia) =>
        $"Erro: a instância {instancia} foi excluída pelo operador com a campanha em andamento. " + string.Format(Reenvio, campanhaId);

    public static string InstanciaInexistente(int campanhaId, string instancia, string? resposta) =>
        $"Erro: a instância {instancia} não existe no Evolution{(resposta is null ? "" : $" ({resposta})")}; nenhuma nova tentativa a traz de volta. " +
        string.Format(Reenvio, campanhaId);
}

namespace EnvioMassa.Data.Dominio;

/// <summary>The words and limits of a campaign's settings, in one place for the API, the scheduler and the sender.</summary>
public static class ConfiguracaoDeCampanha
{
    public const string RotacaoAlternada = "alternada";
    public const string RotacaoMenosUsada = "menos-usada";
    public static readonly IReadOnlyList<string> Rotacoes = [RotacaoAlternada, RotacaoMenosUsada];

    public const string VariacaoAleatoria = "aleatoria";
    public const string VariacaoAlternada = "alternada";
    public static readonly IReadOnlyList<string> Variacoes = [VariacaoAleatoria, VariacaoAlternada];

    /// <summary>
    /// Which of <paramref name="quantas"/> variations a row gets: at random, or in turn by the row's id (rows of one
    /// campaign are inserted together, so consecutive recipients alternate).
    /// </summary>
    public static int EscolherVariacao(string variacao, int envioId, int quantas, Random aleatorio) =>
        quantas <= 1 ? 0 : variacao == VariacaoAlternada ? envioId % quantas : aleatorio.Next(quantas);

    /// <summary>Evolution's <c>mediatype</c> values for <c>sendMedia</c>.</summary>
    public static readonly IReadOnlyList<string> TiposDeMidia = ["image", "document", "video", "audio"];

    /// <summary>Week days as operators write them, Sunday first (<see cref="DayOfWeek"/> order).</summary>
    public static readonly IReadOnlyList<string> Dias = ["dom", "seg", "ter", "qua", "qui", "sex", "sab"];

    public const string FusoPadrao = "America/Sao_Paulo";

    public const int MaximoDeVariacoes = 5;
    public const int MaximoDeInstancias = 50;
    public const int IntervaloMaximoSegundos = 3600;
}

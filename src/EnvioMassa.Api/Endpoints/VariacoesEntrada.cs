using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// A campaign's templates: <c>templateId</c>, or <c>templateIds</c> with up to
/// <see cref="ConfiguracaoDeCampanha.MaximoDeVariacoes"/> variations, one chosen per recipient as <c>variacao</c> says.
/// </summary>
static class VariacoesEntrada
{
    /// <summary>The templates in order (the first is the campaign's <c>templateId</c>); empty when the input has errors.</summary>
    public static IReadOnlyList<int> Validar(CampanhaEntrada entrada, Erros erros)
    {
        if (entrada.Variacao is { } v && !ConfiguracaoDeCampanha.Variacoes.Contains(v))
            erros.Adicionar("variacao", $"'variacao' desconhecida '{v}'. Use: {string.Join(", ", ConfiguracaoDeCampanha.Variacoes)}.");

        if (entrada.TemplateIds is null)
        {
            erros.Obrigatorio("templateId", entrada.TemplateId);
            return entrada.TemplateId is { } t ? [t] : [];
        }

        var ids = entrada.TemplateIds;
        if (entrada.TemplateId is not null)
            erros.Adicionar("templateIds", "Use 'templateId' (um template) ou 'templateIds' (variações), não os dois.");
        else if (ids.Count == 0)
            erros.Adicionar("templateIds", "'templateIds' está vazio: informe de 1 a 5 templates.");
        else if (ids.Count > ConfiguracaoDeCampanha.MaximoDeVariacoes)
            erros.Adicionar("templateIds", $"'templateIds' tem {ids.Count} templates; o máximo é {ConfiguracaoDeCampanha.MaximoDeVariacoes} variações.");
        else if (ids.Distinct().Count() != ids.Count)
            erros.Adicionar("templateIds", "'templateIds' repete um template: cada variação aparece uma vez.");
        else if (ids.Any(i => i <= 0))
            erros.Adicionar("templateIds", "'templateIds' só tem inteiros positivos.");
        return ids;
    }
}

using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Campanhas;

/// <summary>
/// The message a customer gets from a campaign, as the sender would build it: the customer's own variation when the
/// campaign already chose one for them (their row), otherwise the one the campaign would choose — the first in
/// turn, or one at random. Used by <c>/previa</c> and <c>/teste</c>.
/// </summary>
public static class MensagemDoCliente
{
    /// <param name="Variacao">Which of the campaign's templates (1 = the first of <c>templateIds</c>).</param>
    public sealed record Mensagem(string Texto, int Variacao, int TemplateId);

    /// <summary>The message, or the reason it cannot be built (an operator's sentence); the campaign has its templates loaded.</summary>
    public static async Task<(Mensagem? Mensagem, string? Erro)> MontarAsync(EnvioMassaDbContext db, Campanha campanha, Cliente cliente,
        CancellationToken ct)
    {
        var templates = campanha.Templates.Count > 0 ? campanha.Templates.OrderBy(t => t.Ordem).Select(t => t.TemplateId).ToList() : [campanha.TemplateId];
        var daLinha = await db.Envios.AsNoTracking().Where(e => e.CampanhaId == campanha.Id && e.ClienteId == cliente.Id)
            .Select(e => e.TemplateId).FirstOrDefaultAsync(ct);
        var indice = daLinha is { } t && templates.IndexOf(t) is >= 0 and var i
            ? i
            : campanha.Variacao == ConfiguracaoDeCampanha.VariacaoAlternada ? 0 : Random.Shared.Next(templates.Count);
        var template = await db.Templates.AsNoTracking().FirstAsync(x => x.Id == templates[indice], ct);
        return TemplateMensagem.TryRender(template.Conteudo, cliente, out var texto, out var erro)
            ? (new Mensagem(texto, indice + 1, template.Id), null)
            : (null, $"O template {template.Id} não pode ser preenchido para o cliente {cliente.Id}: {erro}.");
    }
}

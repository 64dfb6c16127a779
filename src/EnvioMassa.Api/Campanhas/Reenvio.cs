using EnvioMassa.Api.Extensions;
using EnvioMassa.Api.Endpoints;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Campanhas;

public abstract record Reenvio
{
    public sealed record Criada(Campanha Campanha) : Reenvio;

    public sealed record OrigemInexistente : Reenvio;

    /// <summary>The source is still running: its rows may still change.</summary>
    public sealed record OrigemNaoFinal(string Status) : Reenvio;

    /// <summary>Field errors that the current data causes (a deleted template or instance, no row to resend): 422.</summary>
    public sealed record Impossivel(IDictionary<string, string[]> Erros) : Reenvio;
}

/// <summary>
/// <c>reenviar</c>: a new campaign in <c>rascunho</c> with the source's settings (template, instance unless another is
/// named, interval, automatic resume), <c>origem_id</c> pointing back, and one <c>pendente</c> row per customer whose
/// row in the source is in one of the chosen statuses. Only a final source is read: its rows no longer move.
/// </summary>
public sealed class ReenvioDeCampanha(EnvioMassaDbContext db)
{
    /// <summary>
    /// What may be sent again: failures (<c>erro</c>), the ambiguous <c>incerto</c> (may have reached the phone, so only
    /// when named), and what never left a campaign that stopped (<c>pendente</c> after <c>erro</c>, <c>cancelado</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> StatusReenviaveis = [StatusEnvio.Erro, StatusEnvio.Incerto, StatusEnvio.Pendente, StatusEnvio.Cancelado];

    public static readonly IReadOnlyList<string> StatusPadrao = [StatusEnvio.Erro];

    const int TamanhoNome = 255;

    public async Task<Reenvio> ReenviarAsync(int origemId, IReadOnlyList<string> status, int? instanciaId, CancellationToken ct)
    {
        await using var tx = await TransacaoPropria.AbrirAsync(db.Database, ct);
        var origem = await db.Campanhas.AsNoTracking().Include(c => c.Templates).FirstOrDefaultAsync(c => c.Id == origemId, ct);
        if (origem is null)
            return new Reenvio.OrigemInexistente();
        if (!StatusCampanha.Finais.Contains(origem.Status))
            return new Reenvio.OrigemNaoFinal(origem.Status);

        var instancia = instanciaId ?? origem.InstanciaId;
        var erros = new Dictionary<string, string[]>();
        // Share-locked as at creation: a deletion of either waits for this campaign and then sees it.
        if (!await CampanhasEndpoints.UsavelAsync(db,
                $"SELECT id AS Value FROM instancias WHERE id = {instancia} AND excluida_em IS NULL LOCK IN SHARE MODE", ct))
            erros["instanciaId"] = [instanciaId is null
                ? $"A instância {instancia} da campanha {origemId} foi excluída: informe outra em 'instanciaId'."
                : $"A instância {instancia} não existe."];
        var templates = origem.Templates.Count > 0 ? origem.Templates.OrderBy(t => t.Ordem).Select(t => t.TemplateId).ToList() : [origem.TemplateId];
        foreach (var templateId in templates)
            if (!await CampanhasEndpoints.UsavelAsync(db,
                    $"SELECT id AS Value FROM templates WHERE id = {templateId} AND excluido_em IS NULL LOCK IN SHARE MODE", ct))
                erros["templateId"] = [$"O template {templateId} da campanha {origemId} foi excluído; crie outra campanha."];
        if (!await db.Envios.AnyAsync(e => e.CampanhaId == origemId && status.Contains(e.Status), ct))
            erros["status"] = [$"A campanha {origemId} não tem envios em {string.Join(", ", status)}: nada a reenviar."];
        if (erros.Count > 0)
            return new Reenvio.Impossivel(erros);

        var nome = $"{origem.Nome} (reenvio)";
        var campanha = new Campanha
        {
            Nome = nome.Length <= TamanhoNome ? nome : nome[..TamanhoNome],
            TemplateId = origem.TemplateId,
            Templates = [.. templates.Select((t, i) => new CampanhaTemplate { TemplateId = t, Ordem = i })],
            Variacao = origem.Variacao,
            InstanciaId = instancia,
            IntervaloSegundos = origem.IntervaloSegundos,
            IntervaloMaxSegundos = origem.IntervaloMaxSegundos,
            PausaLongaACada = origem.PausaLongaACada,
            PausaLongaSegundos = origem.PausaLongaSegundos,
            JanelaDias = origem.JanelaDias,
            JanelaInicio = origem.JanelaInicio,
            JanelaFim = origem.JanelaFim,
            JanelaFuso = origem.JanelaFuso,
            Digitando = origem.Digitando,
            VerificarNumeros = origem.VerificarNumeros,
            MidiaTipo = origem.MidiaTipo,
            MidiaUrl = origem.MidiaUrl,
            MidiaNomeArquivo = origem.MidiaNomeArquivo,
            RetomarAutomaticamente = origem.RetomarAutomaticamente,
            OrigemId = origemId,
            Status = StatusCampanha.Rascunho,
        };
        db.Campanhas.Add(campanha);
        await db.SaveChangesAsync(ct);

        // The source has one row per customer (ux_envios_campanha_cliente), so each customer is added once.
        var marcadores = string.Join(", ", status.Select((_, i) => $"{{{i + 2}}}"));
        campanha.TotalClientes = await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO envios_massa_detalhes (campanha_id, cliente_id) " +
            $"SELECT {{0}}, cliente_id FROM envios_massa_detalhes WHERE campanha_id = {{1}} AND status IN ({marcadores}) ORDER BY id",
            [campanha.Id, origemId, .. status], ct);
        await db.Campanhas.Where(c => c.Id == campanha.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalClientes, campanha.TotalClientes), ct);
        await tx.CommitAsync(ct);
        return new Reenvio.Criada(campanha);
    }
}

using EnvioMassa.Api.Campanhas;
using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Instancias;

public abstract record Exclusao
{
    public sealed record Inexistente : Exclusao;

    /// <summary>Refused: campaigns on their way to sending or sending use the instance.</summary>
    public sealed record EmUso(IReadOnlyList<CampanhaAfetada> Campanhas) : Exclusao;

    /// <summary>Deleted; <paramref name="Campanhas"/> were moved to <c>erro</c> with <paramref name="Motivo"/> (forced).</summary>
    public sealed record Feita(IReadOnlyList<CampanhaAfetada> Campanhas, string Motivo) : Exclusao;
}

/// <summary>
/// Soft-deletes an instance (<c>excluida_em</c>): from the commit on it is not scheduled, polled, claimed by a sender
/// nor matched by a webhook, and its Evolution name may be registered again. Campaigns <c>agendada</c>, <c>enviando</c>
/// or <c>pausada</c> on it refuse the deletion, unless forced: then each gets <see cref="CampanhaFalhou"/>, and the
/// sweep announces it again for any whose announcement was lost (docs/adr/0008-exclusao-e-erro.md).
/// </summary>
public sealed class ExclusaoDeInstancia(EnvioMassaDbContext db, IPublishEndpoint publish, IOptions<RabbitMqOptions> rabbit,
    TimeProvider relogio, ILogger<ExclusaoDeInstancia> logger)
{
    public async Task<Exclusao> ExcluirAsync(int id, bool forcar, CancellationToken ct)
    {
        string evolutionInstance;
        List<CampanhaAfetada> campanhas;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Lock order everywhere: instance row first. A sender's claim and a scheduling step wait for this commit.
            var linhas = await db.Database.SqlQuery<string>(
                    $"SELECT evolution_instance AS Value FROM instancias WHERE id = {id} AND excluida_em IS NULL FOR UPDATE")
                .ToListAsync(ct);
            if (linhas is not [var nome])
                return new Exclusao.Inexistente();
            evolutionInstance = nome;

            campanhas = await CampanhaAfetada.EmUso(db.Campanhas.Where(c => c.InstanciaId == id), StatusCampanha.EmAndamento).ToListAsync(ct);
            if (campanhas.Count > 0 && !forcar)
                return new Exclusao.EmUso(campanhas);

            var agora = relogio.GetUtcNow().UtcDateTime;
            await db.Instancias.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExcluidaEm, agora), ct);
            await tx.CommitAsync(ct);
        }

        var motivo = MotivoDeErro.InstanciaExcluida(evolutionInstance);
        logger.LogWarning("Instância {InstanciaId} ({Instancia}) excluída; {Quantidade} campanha(s) vão para erro",
            id, evolutionInstance, campanhas.Count);
        foreach (var campanha in campanhas)
        {
            try
            {
                await PublicacaoComPrazo.ExecutarAsync(
                    limite => publish.Publish(new CampanhaFalhou(CampanhaCorrelation.ParaGuid(campanha.Id), campanha.Id, motivo), limite),
                    rabbit.Value.PublishTimeout, "o erro da campanha", ct);
            }
            catch (TimeoutException e)
            {
                // Already deleted, so nothing is sent for it meanwhile; the sweep moves the campaign within seconds.
                logger.LogWarning(e, "Campanha {CampanhaId}: erro não publicado; a varredura o publicará", campanha.Id);
            }
        }
        return new Exclusao.Feita(campanhas, motivo);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.ServiceDefaults;
using EnvioMassa.Worker.Sender;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Worker.Counters;

/// <summary>
/// Keeps <c>enviados/sucessos/falhas</c> of a campaign. A row is counted once: the counters move in the same
/// transaction as the row's <c>contabilizado</c> flag, and only if the flag was still unset, so a redelivered or
/// repeated event changes nothing. When the last row of a campaign is final it tells the saga. A failure burst pauses
/// the campaign: it is looked at here, where each final row is seen exactly once.
/// </summary>
public sealed class ContadoresConsumer(
    EnvioMassaDbContext db, IOptions<SenderOptions> options, IOptions<RabbitMqOptions> rabbit, ILogger<ContadoresConsumer> logger) :
    IConsumer<MensagemEnviada>,
    IConsumer<MensagemFalhou>
{
    public Task Consume(ConsumeContext<MensagemEnviada> context) =>
        ContarAsync(context, context.Message.CampanhaId, context.Message.EnvioId);

    public Task Consume(ConsumeContext<MensagemFalhou> context) =>
        context.Message.Final ? ContarAsync(context, context.Message.CampanhaId, context.Message.EnvioId) : Task.CompletedTask;

    async Task ContarAsync(ConsumeContext context, int campanhaId, int envioId)
    {
        var ct = context.CancellationToken;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Lock order: campaign row first (as the saga and the scheduler do), then the detail row.
            await db.Database.ExecuteSqlAsync(
                $"SELECT id FROM campanhas_envio_massa WHERE id = {campanhaId} FOR UPDATE", ct);
            var status = (await db.Database.SqlQuery<string>(
                    $"""
                     SELECT status AS Value FROM envios_massa_detalhes
                     WHERE id = {envioId} AND contabilizado = 0 AND status IN ('enviado', 'erro', 'incerto') FOR UPDATE
                     """)
                .ToListAsync(ct)).FirstOrDefault();
            if (status is null)
                return;

            var sucesso = status == "enviado" ? 1 : 0;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE envios_massa_detalhes SET contabilizado = 1 WHERE id = {envioId}", ct);
            await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE campanhas_envio_massa
                 SET enviados = enviados + 1, sucessos = sucessos + {sucesso}, falhas = falhas + {1 - sucesso}
                 WHERE id = {campanhaId}
                 """, ct);
            await tx.CommitAsync(ct);
            if (sucesso == 0)
                await VerificarRajadaDeFalhasAsync(context, campanhaId, ct);
        }

        var restantes = (await db.Database.SqlQuery<int>(
                $"""
                 SELECT COUNT(*) AS Value FROM envios_massa_detalhes
                 WHERE campanha_id = {campanhaId} AND status IN ('pendente', 'agendado', 'enviando')
                 """)
            .ToListAsync(ct))[0];
        if (restantes == 0)
        {
            logger.LogInformation("Campanha {CampanhaId} sem envios pendentes", campanhaId);
            await context.AnunciarAsync(new CampanhaSemPendentes(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId), rabbit.Value.PublishTimeout, logger);
        }
    }

    sealed record Resultado(string Status, string? ErroMensagem);

    /// <summary>
    /// After a failure is counted: when most of the campaign's last final rows failed, asks the saga to pause it with
    /// the figures and the last error. Only while it is <c>enviando</c>; a repeated request is refused by the saga.
    /// </summary>
    async Task VerificarRajadaDeFalhasAsync(ConsumeContext context, int campanhaId, CancellationToken ct)
    {
        var janela = options.Value.FailureBurstWindow;
        if (janela <= 0)
            return;
        var enviando = (await db.Database.SqlQuery<int>(
                $"SELECT COUNT(*) AS Value FROM campanhas_envio_massa WHERE id = {campanhaId} AND status = 'enviando'")
            .ToListAsync(ct))[0] == 1;
        if (!enviando)
            return;

        var ultimos = await db.Database.SqlQuery<Resultado>(
                $"""
                 SELECT status AS Status, erro_mensagem AS ErroMensagem FROM envios_massa_detalhes
                 WHERE campanha_id = {campanhaId} AND contabilizado = 1
                 ORDER BY updated_at DESC, id DESC LIMIT {janela}
                 """)
            .ToListAsync(ct);
        // A full window only: two failures out of the first two rows say nothing about the list.
        if (ultimos.Count < janela)
            return;
        var falhas = ultimos.Count(r => r.Status != "enviado");
        if (falhas < Math.Ceiling(options.Value.FailureBurstRatio * janela))
            return;

        var ultimoErro = ultimos.First(r => r.Status != "enviado").ErroMensagem ?? "";
        var motivo = $"Pausada automaticamente: {falhas} das últimas {janela} mensagens falharam (último erro: {ultimoErro})";
        logger.LogWarning("Campanha {CampanhaId} será pausada: {Falhas} das últimas {Janela} mensagens falharam; último erro: {UltimoErro}",
            campanhaId, falhas, janela, ultimoErro);
        await context.AnunciarAsync(new PausarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, motivo), rabbit.Value.PublishTimeout, logger);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// The sweep: takes back what a crash or an outage left behind. Every step is a conditional update or an idempotent
/// message, so any number of scheduler replicas may run it at once.
/// </summary>
public sealed class Varredura(
    EnvioMassaDbContext db,
    IPublishEndpoint publish,
    TimeProvider clock,
    IOptions<SchedulerOptions> options,
    IOptions<RabbitMqOptions> rabbit,
    ILogger<Varredura> logger)
{
    public const string MotivoIncerto =
        "Resultado desconhecido: o processo que fazia o envio parou depois de chamar a Evolution API e antes de " +
        "registrar a resposta. Não foi reenviado para não mandar a mensagem duas vezes; confira no WhatsApp.";

    readonly SchedulerOptions _options = options.Value;

    sealed record CampanhaSemInstancia(int Id, string Instancia);

    sealed record Linha(int Id, int CampanhaId, string Status, int Tentativas, string? MessageId, string? ErroMensagem);

    Task PublicarAsync<T>(T mensagem, CancellationToken ct) where T : class =>
        PublicacaoComPrazo.ExecutarAsync(limite => publish.Publish(mensagem, limite), rabbit.Value.PublishTimeout, "a varredura", ct);

    public async Task ExecutarAsync(CancellationToken ct)
    {
        var agora = clock.GetUtcNow().UtcDateTime;

        // A scheduled row whose message never came (lost between commit and publish, or purged) is scheduled again.
        var reagendadas = await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE envios_massa_detalhes SET status = 'pendente', agendado_para = NULL
             WHERE status = 'agendado' AND agendado_para < {agora - _options.ScheduledGrace}
             """, ct);
        if (reagendadas > 0)
            logger.LogWarning("Varredura: {Quantidade} envios agendados sem mensagem voltaram a pendente", reagendadas);

        // A claimed row whose sender died: Evolution may have sent it. Resolve to "not resent", marked as such.
        var limite = agora - _options.SendingLease;
        var incertas = await db.Database.SqlQuery<Linha>(
                $"""
                 SELECT id AS Id, campanha_id AS CampanhaId, status AS Status, tentativas AS Tentativas,
                        message_id AS MessageId, erro_mensagem AS ErroMensagem
                 FROM envios_massa_detalhes WHERE status = 'enviando' AND enviando_desde < {limite}
                 """)
            .ToListAsync(ct);
        foreach (var linha in incertas)
        {
            var movidas = await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'incerto', erro_mensagem = {MotivoIncerto}, data_envio = enviando_desde
                 WHERE id = {linha.Id} AND status = 'enviando' AND enviando_desde < {limite}
                 """, ct);
            if (movidas == 1)
            {
                logger.LogWarning("Envio {EnvioId} da campanha {CampanhaId} ficou incerto (processo parou durante o envio)",
                    linha.Id, linha.CampanhaId);
                await PublicarAsync(new MensagemFalhou(linha.CampanhaId, linha.Id, MotivoIncerto, true, linha.Tentativas), ct);
            }
        }

        // A final row whose result event was lost (process died between commit and publish) is announced again;
        // the counters consumer counts each row once, whatever the number of events.
        var naoContadas = await db.Database.SqlQuery<Linha>(
                $"""
                 SELECT id AS Id, campanha_id AS CampanhaId, status AS Status, tentativas AS Tentativas,
                        message_id AS MessageId, erro_mensagem AS ErroMensagem
                 FROM envios_massa_detalhes
                 WHERE status IN ('enviado', 'erro', 'incerto') AND contabilizado = 0
                   AND updated_at < NOW() - INTERVAL {(int)_options.UncountedGrace.TotalSeconds} SECOND
                 LIMIT 1000
                 """)
            .ToListAsync(ct);
        foreach (var linha in naoContadas)
        {
            if (linha.Status == "enviado")
                await PublicarAsync(new MensagemEnviada(linha.CampanhaId, linha.Id, linha.MessageId ?? "", agora), ct);
            else
                await PublicarAsync(new MensagemFalhou(linha.CampanhaId, linha.Id, linha.ErroMensagem ?? "", true, linha.Tentativas), ct);
        }

        // Campaigns with nothing left to do conclude; scheduled campaigns whose time has come start.
        var semPendentes = await db.Database.SqlQuery<int>(
                $"""
                 SELECT c.id AS Value FROM campanhas_envio_massa c
                 WHERE c.status IN ('enviando', 'pausada')
                   AND NOT EXISTS (SELECT 1 FROM envios_massa_detalhes d
                                   WHERE d.campanha_id = c.id AND d.status IN ('pendente', 'agendado', 'enviando'))
                 """)
            .ToListAsync(ct);
        foreach (var id in semPendentes)
            await PublicarAsync(new CampanhaSemPendentes(CampanhaCorrelation.ParaGuid(id), id), ct);

        // A campaign on an instance the operator deleted goes to erro. The API announces it at the deletion; this
        // catches an announcement lost between its commit and its publish, and a start that raced the deletion.
        var semInstancia = await db.Database.SqlQuery<CampanhaSemInstancia>(
                $"""
                 SELECT c.id AS Id, i.evolution_instance AS Instancia FROM campanhas_envio_massa c
                 JOIN instancias i ON i.id = c.instancia_id
                 WHERE c.status IN ({StatusCampanha.Agendada}, {StatusCampanha.Enviando}, {StatusCampanha.Pausada})
                   AND i.excluida_em IS NOT NULL
                 """)
            .ToListAsync(ct);
        foreach (var c in semInstancia)
            await PublicarAsync(new CampanhaFalhou(CampanhaCorrelation.ParaGuid(c.Id), c.Id, MotivoDeErro.InstanciaExcluida(c.Instancia)), ct);

        var vencidas = await db.Database.SqlQuery<int>(
                $"SELECT id AS Value FROM campanhas_envio_massa WHERE status = 'agendada' AND agendar_para <= {agora}")
            .ToListAsync(ct);
        foreach (var id in vencidas)
            await PublicarAsync(new AgendamentoAtingido(CampanhaCorrelation.ParaGuid(id), id), ct);
    }
}

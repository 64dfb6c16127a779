using System.Diagnostics.Metrics;
using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Webhooks;

/// <summary>
/// Moves a sent row's <c>entrega</c> up (<see cref="StatusEntrega"/>: never down, so late, repeated and reordered
/// updates change nothing) and, in the same transaction, the campaign's <c>entregues</c>/<c>lidas</c> — each row adds
/// to them once, when it first reaches delivered or read. An update for an id no row has is acknowledged and counted in
/// <c>enviomassa_entregas_sem_envio_total</c> (messages typed on the phone itself arrive like this) — unless a send of
/// that instance is in flight: the update may have outrun the sender's own record of the <c>message_id</c>
/// (Evolution acknowledges within milliseconds), so it is tried again a few times first.
/// </summary>
public sealed class EntregaInformadaConsumer(EnvioMassaDbContext db, EntregaMetricas metricas, ILogger<EntregaInformadaConsumer> logger)
    : IConsumer<EntregaInformada>
{
    sealed record Envio(int Id, int CampanhaId);

    public async Task Consume(ConsumeContext<EntregaInformada> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var envios = await db.Database.SqlQuery<Envio>(
                $"SELECT id AS Id, campanha_id AS CampanhaId FROM envios_massa_detalhes WHERE message_id = {m.MessageId}")
            .ToListAsync(ct);
        if (envios.Count == 0)
        {
            if (context.GetRetryAttempt() < EntregaInformadaConsumerDefinition.TentativasSemEnvio && await EnvioEmCursoAsync(m.Instancia, ct))
                throw new EnvioAindaNaoRegistradoException(m.MessageId);
            metricas.SemEnvio.Add(1);
            logger.LogInformation("Status {Entrega} da mensagem {MessageId} (instância {Instancia}) não corresponde a nenhum envio; ignorado",
                m.Entrega, m.MessageId, m.Instancia);
            return;
        }

        foreach (var envio in envios)
            await AplicarAsync(envio, m, ct);
    }

    Task<bool> EnvioEmCursoAsync(string instancia, CancellationToken ct) =>
        db.Envios.AnyAsync(e => e.Status == StatusEnvio.Enviando && e.Campanha!.Instancia!.EvolutionInstance == instancia
                  && e.Campanha.Instancia.ExcluidaEm == null, ct);

    async Task AplicarAsync(Envio envio, EntregaInformada m, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock order: campaign row first (as the saga, the scheduler and the counters do), then the detail row.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM campanhas_envio_massa WHERE id = {envio.CampanhaId} FOR UPDATE", ct);
        var atual = (await db.Database.SqlQuery<string?>(
                $"SELECT entrega AS Value FROM envios_massa_detalhes WHERE id = {envio.Id} FOR UPDATE")
            .ToListAsync(ct)).FirstOrDefault();
        if (StatusEntrega.Ordem(m.Entrega) <= StatusEntrega.Ordem(atual))
            return;

        var entregue = StatusEntrega.ContaComoEntregue(m.Entrega);
        var lida = StatusEntrega.ContaComoLida(m.Entrega);
        await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE envios_massa_detalhes
             SET entrega = {m.Entrega},
                 entregue_em = IF({entregue}, COALESCE(entregue_em, {m.RecebidaEm}), entregue_em),
                 lida_em = IF({lida}, COALESCE(lida_em, {m.RecebidaEm}), lida_em)
             WHERE id = {envio.Id}
             """, ct);
        var novasEntregues = entregue && !StatusEntrega.ContaComoEntregue(atual) ? 1 : 0;
        var novasLidas = lida && !StatusEntrega.ContaComoLida(atual) ? 1 : 0;
        if (novasEntregues + novasLidas > 0)
            await db.Database.ExecuteSqlAsync(
                $"UPDATE campanhas_envio_massa SET entregues = entregues + {novasEntregues}, lidas = lidas + {novasLidas} WHERE id = {envio.CampanhaId}",
                ct);
        await tx.CommitAsync(ct);
        logger.LogDebug("Envio {EnvioId} da campanha {CampanhaId}: entrega {Anterior} → {Entrega}", envio.Id, envio.CampanhaId, atual, m.Entrega);
    }
}

/// <summary>The update may have arrived before the sender stored the <c>message_id</c>; retried by the consumer's definition.</summary>
public sealed class EnvioAindaNaoRegistradoException(string messageId)
    : Exception($"Nenhum envio com message_id {messageId} (ainda).");

/// <summary>The worker's own instruments (meter <c>EnvioMassa</c>, exported on <c>/metrics</c>).</summary>
public sealed class EntregaMetricas
{
    public EntregaMetricas(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceDefaults.Extensions.MeterName);
        SemEnvio = meter.CreateCounter<long>("enviomassa.entregas.sem_envio",
            description: "Status de entrega (messages.update) cujo key.id não corresponde a nenhum envio");
    }

    public Counter<long> SemEnvio { get; }
}

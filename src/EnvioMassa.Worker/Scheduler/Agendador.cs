using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// Turns pending detail rows into <see cref="EnviarMensagem"/> messages, each delayed to its slot. Slots on one instance
/// are the campaign's interval apart across every campaign that shares the instance, and only rise.
/// </summary>
public sealed class Agendador(
    EnvioMassaDbContext db,
    ISendEndpointProvider sendEndpoints,
    DelayQueues delayQueues,
    TimeProvider clock,
    IOptions<SchedulerOptions> options,
    IOptions<RabbitMqOptions> rabbit,
    ILogger<Agendador> logger)
{
    readonly SchedulerOptions _options = options.Value;

    sealed record Pendente(int Id, int Tentativas);

    sealed record CampanhaRitmo(int Id, int IntervaloSegundos);

    public async Task<IReadOnlyList<int>> InstanciasComCampanhasEnviandoAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<int>(
                $"""
                 SELECT DISTINCT c.instancia_id AS Value FROM campanhas_envio_massa c JOIN instancias i ON i.id = c.instancia_id
                 WHERE c.status = {StatusCampanha.Enviando} AND i.excluida_em IS NULL
                 """)
            .ToListAsync(ct);

    /// <summary>
    /// Schedules the next slots of one instance. The instance row is locked for the whole step, publishes included, so
    /// two scheduler replicas never interleave their deadlines in the instance's delay queue; a replica that finds it
    /// locked skips it this tick. If the process dies, or the broker does not confirm in time, after publishing and
    /// before committing, the rows stay <c>pendente</c> and the published messages find nothing to do.
    /// </summary>
    public async Task<int> AgendarInstanciaAsync(int instanciaId, CancellationToken ct)
    {
        await delayQueues.EnsureAsync(instanciaId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var slots = await db.Database.SqlQuery<DateTime?>(
                $"SELECT ultimo_slot AS Value FROM instancias WHERE id = {instanciaId} AND excluida_em IS NULL FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (slots.Count == 0)
            return 0;
        DateTime? ultimoSlot = slots[0];

        // Share-locking the campaigns makes a concurrent pause or cancel wait for this step, and then reset its rows.
        // They are locked one by one through the primary key: a lock taken through the (instancia_id, status) index
        // would also hold index entries that the saga's status update needs, and the two would deadlock.
        var candidatas = await db.Database.SqlQuery<int>(
                $"SELECT id AS Value FROM campanhas_envio_massa WHERE instancia_id = {instanciaId} AND status = 'enviando' ORDER BY id")
            .ToListAsync(ct);
        var campanhas = new List<CampanhaRitmo>();
        foreach (var id in candidatas)
        {
            campanhas.AddRange(await db.Database.SqlQuery<CampanhaRitmo>(
                    $"""
                     SELECT id AS Id, intervalo_segundos AS IntervaloSegundos FROM campanhas_envio_massa
                     WHERE id = {id} AND status = 'enviando' LOCK IN SHARE MODE
                     """)
                .ToListAsync(ct));
        }

        if (campanhas.Count == 0)
            return 0;

        var agora = clock.GetUtcNow().UtcDateTime;
        var menorIntervalo = TimeSpan.FromSeconds(campanhas.Min(c => c.IntervaloSegundos));
        var horizonte = agora + Max(_options.LookAhead, menorIntervalo * _options.MinSlotsAhead);
        var primeiroPossivel = agora + _options.Lead;
        if (ultimoSlot is { } u && u + menorIntervalo > horizonte)
            return 0;

        var filas = new List<(CampanhaRitmo Campanha, Queue<Pendente> Linhas)>();
        foreach (var campanha in campanhas)
        {
            var linhas = await db.Database.SqlQuery<Pendente>(
                    $"""
                     SELECT id AS Id, tentativas AS Tentativas FROM envios_massa_detalhes
                     WHERE campanha_id = {campanha.Id} AND status = 'pendente'
                       AND (proxima_tentativa IS NULL OR proxima_tentativa <= {agora})
                     ORDER BY id LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED
                     """)
                .ToListAsync(ct);
            if (linhas.Count > 0)
                filas.Add((campanha, new Queue<Pendente>(linhas)));
        }

        // Round robin over the campaigns sharing the instance, so none starves the others.
        var agendados = new List<EnviarMensagem>();
        var janelaCheia = false;
        while (!janelaCheia)
        {
            var progrediu = false;
            foreach (var (campanha, linhas) in filas)
            {
                if (linhas.Count == 0)
                    continue;
                var intervalo = TimeSpan.FromSeconds(campanha.IntervaloSegundos);
                var slot = TruncateToMilliseconds(
                    ultimoSlot is { } anterior ? Max(anterior + intervalo, primeiroPossivel) : primeiroPossivel);
                if (slot > horizonte)
                {
                    janelaCheia = true;
                    break;
                }

                var linha = linhas.Dequeue();
                agendados.Add(new EnviarMensagem(campanha.Id, linha.Id, instanciaId, linha.Tentativas + 1, slot));
                ultimoSlot = slot;
                progrediu = true;
            }

            if (!progrediu)
                break;
        }

        if (agendados.Count == 0)
            return 0;

        foreach (var m in agendados)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'agendado', agendado_para = {m.AgendadoPara}
                 WHERE id = {m.EnvioId} AND status = 'pendente'
                 """, ct);
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE instancias SET ultimo_slot = {ultimoSlot} WHERE id = {instanciaId}", ct);

        // Bounded: the instance row stays locked until the commit, and senders wait on it for their pacing turn.
        var endpoint = await sendEndpoints.GetSendEndpoint(DelayQueues.Address(instanciaId));
        await PublicacaoComPrazo.ExecutarAsync(async limite =>
        {
            foreach (var m in agendados)
            {
                // The TTL counts from when the broker receives the message: compute it at the last moment.
                var atraso = m.AgendadoPara - clock.GetUtcNow().UtcDateTime;
                await endpoint.Send(m, ctx => ctx.TimeToLive = atraso > TimeSpan.FromMilliseconds(1) ? atraso : TimeSpan.FromMilliseconds(1), limite);
            }
        }, rabbit.Value.PublishTimeout, $"os agendamentos da instância {instanciaId}", ct);

        await tx.CommitAsync(ct);
        logger.LogDebug("Instância {InstanciaId}: {Quantidade} envios agendados até {UltimoSlot:O}",
            instanciaId, agendados.Count, ultimoSlot);
        return agendados.Count;
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>The database keeps milliseconds; the message must carry exactly the stored slot.</summary>
    public static DateTime TruncateToMilliseconds(DateTime t) =>
        new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

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
/// Turns pending detail rows into <see cref="EnviarMensagem"/> messages, each delayed to its slot. Slots on one instance
/// are planned by <see cref="PlanoDeSlots"/> across every campaign that shares the instance (fair turns, random gaps,
/// long pauses), and only rise.
/// </summary>
public sealed class Agendador(
    EnvioMassaDbContext db,
    ISendEndpointProvider sendEndpoints,
    DelayQueues delayQueues,
    TimeProvider clock,
    Calendario calendario,
    IOptions<SchedulerOptions> options,
    IOptions<EnvioMassaOptions> sistema,
    IOptions<RabbitMqOptions> rabbit,
    ILogger<Agendador> logger)
{
    readonly SchedulerOptions _options = options.Value;
    readonly TimeZoneInfo fuso = sistema.Value.Fuso();

    sealed record Pendente(int Id, int Tentativas);

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
        var (agendados, esperas) = await AgendarNaTransacaoAsync(instanciaId, ct);
        await ExplicarEsperasAsync(esperas);
        return agendados;
    }

    static readonly List<(int, string?, string?)> NenhumaEspera = [];

    async Task<(int Agendados, List<(int CampanhaId, string? Atual, string? Motivo)> Esperas)> AgendarNaTransacaoAsync(
        int instanciaId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var numeros = await db.Database.SqlQuery<NumeroLido>(
                $"""
                 SELECT ultimo_slot AS UltimoSlot, envios_desde_pausa AS EnviosDesdePausa, ultima_campanha_id AS UltimaCampanhaId,
                        limite_diario AS LimiteDiario, limite_por_hora AS LimitePorHora, aquecimento AS Aquecimento,
                        conectada_desde AS ConectadaDesde
                 FROM instancias WHERE id = {instanciaId} AND excluida_em IS NULL FOR UPDATE SKIP LOCKED
                 """)
            .ToListAsync(ct);
        if (numeros.Count == 0)
            return (0, NenhumaEspera);
        var lido = numeros[0];
        var numero = new PlanoDeSlots.EstadoDoNumero(lido.UltimoSlot, lido.EnviosDesdePausa, lido.UltimaCampanhaId);
        var limites = new LimitesDoNumero(lido.LimiteDiario, lido.LimitePorHora, lido.Aquecimento, lido.ConectadaDesde);

        // Share-locking the campaigns makes a concurrent pause or cancel wait for this step, and then reset its rows.
        // They are locked one by one through the primary key: a lock taken through the (instancia_id, status) index
        // would also hold index entries that the saga's status update needs, and the two would deadlock.
        var candidatas = await db.Database.SqlQuery<int>(
                $"SELECT id AS Value FROM campanhas_envio_massa WHERE instancia_id = {instanciaId} AND status = 'enviando' ORDER BY id")
            .ToListAsync(ct);
        var lidas = new List<CampanhaLida>();
        foreach (var id in candidatas)
        {
            lidas.AddRange(await db.Database.SqlQuery<CampanhaLida>(
                    $"""
                     SELECT id AS CampanhaId, intervalo_segundos AS IntervaloMinSegundos, intervalo_max_segundos AS IntervaloMaxSegundos,
                            pausa_longa_a_cada AS PausaLongaACada, pausa_longa_segundos AS PausaLongaSegundos,
                            janela_dias AS JanelaDias, janela_inicio AS JanelaInicio, janela_fim AS JanelaFim, janela_fuso AS JanelaFuso,
                            motivo_espera AS MotivoEspera, variacao AS Variacao
                     FROM campanhas_envio_massa
                     WHERE id = {id} AND status = 'enviando' LOCK IN SHARE MODE
                     """)
                .ToListAsync(ct));
        }

        // A campaign outside its window takes no slot; it waits, still enviando, and says why (stored after the commit).
        var hoje = calendario.Agora();
        var esperas = new List<(int CampanhaId, string? Atual, string? Motivo)>();
        var campanhas = new List<PlanoDeSlots.Ritmo>();
        foreach (var c in lidas)
        {
            var janela = JanelaDeEnvio.Da(c.JanelaDias, c.JanelaInicio, c.JanelaFim, c.JanelaFuso);
            var fechaEm = janela?.FechaEm(hoje);
            if (janela is not null && fechaEm is null)
                esperas.Add((c.CampanhaId, c.MotivoEspera, janela.MotivoDeEspera(hoje)));
            else
                campanhas.Add(new PlanoDeSlots.Ritmo(c.CampanhaId, c.IntervaloMinSegundos, c.IntervaloMaxSegundos, c.PausaLongaACada,
                    c.PausaLongaSegundos, fechaEm is { } f ? NoRelogioDosSlots(f, hoje) : null));
        }

        // The number's caps hold for every campaign of it: when they leave no room, all of them wait, saying why.
        int? vagas = null;
        string? motivoDoNumero = null;
        if (campanhas.Count > 0 && limites.Algum)
            (vagas, motivoDoNumero) = limites.Vagas(await UsoAsync(instanciaId, hoje, ct), hoje, fuso);
        foreach (var c in campanhas)
            esperas.Add((c.CampanhaId, lidas.First(l => l.CampanhaId == c.CampanhaId).MotivoEspera, motivoDoNumero));
        if (motivoDoNumero is not null)
            campanhas.Clear();

        var variacaoPorCampanha = lidas.ToDictionary(l => l.CampanhaId, l => l.Variacao);
        return (await AgendarAsync(instanciaId, numero, campanhas, vagas, variacaoPorCampanha, tx, ct), esperas);
    }

    /// <summary>
    /// A moment of the calendar on the clock slots are counted in: as far from now as it is from the calendar's now
    /// (the same instant in production, where both are the system clock).
    /// </summary>
    DateTime NoRelogioDosSlots(DateTime momento, DateTimeOffset agoraNoCalendario) =>
        clock.GetUtcNow().UtcDateTime + (momento - agoraNoCalendario.UtcDateTime);

    sealed record NumeroLido(
        DateTime? UltimoSlot, int EnviosDesdePausa, int? UltimaCampanhaId, int? LimiteDiario, int? LimitePorHora, bool Aquecimento,
        DateOnly? ConectadaDesde);

    sealed record UsoLido(long Hoje, long UltimaHora, DateTime? MaisAntigoDaHora);

    /// <summary>
    /// What counts against the number's caps: sends accepted today and in the last hour, by every campaign of the
    /// number, and sends in flight — by the number each row was scheduled on (<c>ix_envios_instancia_status_data</c>:
    /// a range of today's rows of the number, whatever the history).
    /// </summary>
    async Task<LimitesDoNumero.Uso> UsoAsync(int instanciaId, DateTimeOffset agora, CancellationToken ct)
    {
        var inicioDoDia = EnvioMassaOptions.InicioDoDiaUtc(agora, fuso);
        var umaHora = agora.UtcDateTime.AddHours(-1);
        var desde = inicioDoDia < umaHora ? inicioDoDia : umaHora;
        var aceitos = (await db.Database.SqlQuery<UsoLido>(
                $"""
                 SELECT CAST(COALESCE(SUM(d.data_envio >= {inicioDoDia}), 0) AS SIGNED) AS Hoje,
                        CAST(COALESCE(SUM(d.data_envio >= {umaHora}), 0) AS SIGNED) AS UltimaHora,
                        MIN(CASE WHEN d.data_envio >= {umaHora} THEN d.data_envio END) AS MaisAntigoDaHora
                 FROM envios_massa_detalhes d
                 WHERE d.instancia_id = {instanciaId} AND d.status = 'enviado' AND d.data_envio >= {desde}
                 """)
            .ToListAsync(ct))[0];
        var emVoo = (await db.Database.SqlQuery<int>(
                $"""
                 SELECT COUNT(*) AS Value FROM envios_massa_detalhes d
                 WHERE d.instancia_id = {instanciaId} AND d.status IN ('agendado', 'enviando')
                 """)
            .ToListAsync(ct))[0];
        return new LimitesDoNumero.Uso((int)aceitos.Hoje, (int)aceitos.UltimaHora, emVoo, aceitos.MaisAntigoDaHora);
    }

    sealed record CampanhaLida(
        int CampanhaId, int IntervaloMinSegundos, int? IntervaloMaxSegundos, int? PausaLongaACada, int? PausaLongaSegundos,
        string? JanelaDias, TimeOnly? JanelaInicio, TimeOnly? JanelaFim, string? JanelaFuso, string? MotivoEspera, string Variacao);

    /// <summary>
    /// Stores <c>motivo_espera</c> where it changed, after the step: the campaign rows are only share-locked during the
    /// step, and upgrading that lock would deadlock with the saga waiting for it. A campaign that left <c>enviando</c>
    /// meanwhile is left alone (its reason is not shown outside <c>enviando</c>).
    /// </summary>
    async Task ExplicarEsperasAsync(IEnumerable<(int CampanhaId, string? Atual, string? Motivo)> esperas)
    {
        foreach (var (id, atual, motivo) in esperas.Where(e => e.Atual != e.Motivo))
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE campanhas_envio_massa SET motivo_espera = {motivo} WHERE id = {id} AND status = 'enviando'", CancellationToken.None);
            if (motivo is not null)
                logger.LogInformation("Campanha {CampanhaId} esperando: {Motivo}", id, motivo);
        }
    }

    async Task<int> AgendarAsync(int instanciaId, PlanoDeSlots.EstadoDoNumero numero, List<PlanoDeSlots.Ritmo> campanhas, int? vagas,
        Dictionary<int, string> variacaoPorCampanha, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        if (campanhas.Count == 0)
            return 0;

        var agora = clock.GetUtcNow().UtcDateTime;
        var menorIntervalo = campanhas.Min(c => c.Minimo);
        var horizonte = agora + Max(_options.LookAhead, menorIntervalo * _options.MinSlotsAhead);
        if (numero.UltimoSlot is { } u && u + menorIntervalo > horizonte)
            return 0;

        var filas = new List<(PlanoDeSlots.Ritmo Ritmo, List<Pendente> Linhas)>();
        foreach (var campanha in campanhas)
        {
            var linhas = await db.Database.SqlQuery<Pendente>(
                    $"""
                     SELECT id AS Id, tentativas AS Tentativas FROM envios_massa_detalhes
                     WHERE campanha_id = {campanha.CampanhaId} AND status = 'pendente'
                       AND (proxima_tentativa IS NULL OR proxima_tentativa <= {agora})
                     ORDER BY id LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED
                     """)
                .ToListAsync(ct);
            if (linhas.Count > 0)
                filas.Add((campanha, linhas));
        }

        var (plano, novoEstado) = PlanoDeSlots.Planejar(
            filas.Select(f => (f.Ritmo, f.Linhas.Count)).ToList(), numero, agora + _options.Lead, horizonte, Random.Shared, vagas);
        var linhasPorCampanha = filas.ToDictionary(f => f.Ritmo.CampanhaId, f => f.Linhas);
        var agendados = plano.Select(slot =>
        {
            var linha = linhasPorCampanha[slot.CampanhaId][slot.Indice];
            return new EnviarMensagem(slot.CampanhaId, linha.Id, instanciaId, linha.Tentativas + 1, slot.Quando);
        }).ToList();

        if (agendados.Count == 0)
            return 0;

        // The variation is chosen once, when the row is first scheduled, and kept with it (a retry sends the same text).
        var comVez = agendados.Select(m => m.CampanhaId).Distinct().ToList();
        var variacoes = (await db.CampanhaTemplates.AsNoTracking().Where(t => comVez.Contains(t.CampanhaId)).ToListAsync(ct))
            .GroupBy(t => t.CampanhaId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Ordem).Select(t => t.TemplateId).ToList());
        foreach (var m in agendados)
        {
            var template = variacoes.TryGetValue(m.CampanhaId, out var lista)
                ? lista[ConfiguracaoDeCampanha.EscolherVariacao(variacaoPorCampanha[m.CampanhaId], m.EnvioId, lista.Count, Random.Shared)]
                : (int?)null;
            await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'agendado', agendado_para = {m.AgendadoPara}, instancia_id = {instanciaId},
                        template_id = COALESCE(template_id, {template})
                 WHERE id = {m.EnvioId} AND status = 'pendente'
                 """, ct);
        }

        await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias SET ultimo_slot = {novoEstado.UltimoSlot}, envios_desde_pausa = {novoEstado.EnviosDesdePausa},
                    ultima_campanha_id = {novoEstado.UltimaCampanhaId}
             WHERE id = {instanciaId}
             """, ct);

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
            instanciaId, agendados.Count, novoEstado.UltimoSlot);
        return agendados.Count;
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

}

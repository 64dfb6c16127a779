using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.Evolution;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// P5 by polling: asks Evolution for the connection state of every instance with a campaign <c>enviando</c> or waiting
/// for the instance (paused by it, with <c>retomar_automaticamente</c>) — right away when its campaigns change, then
/// every <see cref="SchedulerOptions.InstanceCheckEvery"/> — records it, pauses the instance's sending campaigns when
/// it is not <c>open</c>, and resumes the waiting ones when it is. An Evolution that does not answer pauses and
/// resumes nothing: that is transient, and the sends themselves report a closed connection.
/// </summary>
public sealed class MonitorDeInstancias(
    IServiceScopeFactory scopes,
    EstadoDasInstancias estados,
    TimeProvider clock,
    IOptions<SchedulerOptions> options,
    IOptions<RabbitMqOptions> rabbit,
    ILogger<MonitorDeInstancias> logger) : BackgroundService
{
    /// <param name="Aguardando">Paused by the instance and set to resume by itself (the rest are sending).</param>
    sealed record CampanhaAtiva(int InstanciaId, string EvolutionInstance, string? ApiKey, int CampanhaId, int Versao, bool Aguardando);

    /// <param name="Campanhas">The watched campaigns as <c>id:versao</c>, in order: a change means one started, resumed or paused.</param>
    /// <param name="Aguardando">The campaigns waiting for the instance to be open again.</param>
    /// <param name="Vigiadas">Every watched campaign: the sending ones and the waiting ones.</param>
    sealed record InstanciaAtiva(int Id, string EvolutionInstance, string? ApiKey, string Campanhas, IReadOnlyList<int> Aguardando,
        IReadOnlyList<int> Vigiadas);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var falhando = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<CampanhaAtiva> campanhas;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<EnvioMassaDbContext>();
                    campanhas = await db.Campanhas.Where(c => c.Status == StatusCampanha.Enviando)
                        .Concat(db.Campanhas.AguardandoInstancia())
                        .Where(c => c.Instancia!.ExcluidaEm == null)
                        .Select(c => new CampanhaAtiva(c.InstanciaId, c.Instancia!.EvolutionInstance, c.Instancia.ApiKey, c.Id, c.Versao,
                            c.Status == StatusCampanha.Pausada))
                        .ToListAsync(stoppingToken);
                }

                var ativas = campanhas.GroupBy(c => c.InstanciaId)
                    .Select(g => new InstanciaAtiva(g.Key, g.First().EvolutionInstance, g.First().ApiKey,
                        string.Join(",", g.OrderBy(c => c.CampanhaId).Select(c => $"{c.CampanhaId}:{c.Versao}")),
                        g.Where(c => c.Aguardando).Select(c => c.CampanhaId).ToList(), g.Select(c => c.CampanhaId).ToList()))
                    .ToList();
                estados.ManterApenas(ativas.Select(a => a.Id).ToHashSet());
                var agora = clock.GetUtcNow();
                var vencidas = ativas
                    .Select(a => (Instancia: a, Motivo: estados.VerificacaoDevida(a.Id, a.Campanhas, agora, options.Value.InstanceCheckEvery)))
                    .Where(v => v.Motivo is not null)
                    .ToList();
                // In parallel: one slow or unreachable instance must not hold back the first check of another.
                await Parallel.ForEachAsync(vencidas,
                    new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                    async (v, ct) => await VerificarAsync(v.Instancia, v.Motivo!.Value, ct));

                if (falhando)
                    logger.LogInformation("Verificação das instâncias voltou a funcionar");
                falhando = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (!falhando)
                    logger.LogError(e, "Verificação das instâncias falhou; tentando de novo a cada ciclo");
                falhando = true;
            }

            try
            {
                await Task.Delay(options.Value.Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    async Task VerificarAsync(InstanciaAtiva instancia, MotivoDaVerificacao motivoDaVerificacao, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EnvioMassaDbContext>();
        ConnectionStateResult resultado;
        try
        {
            resultado = await services.GetRequiredService<IEvolutionClient>()
                .GetConnectionStateAsync(instancia.EvolutionInstance, instancia.ApiKey, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not Evolution's answer but a fault here: scheduling is not blocked by our own bug; checked again later.
            logger.LogError(e, "Instância {Instancia}: verificação do estado falhou", instancia.EvolutionInstance);
            estados.Registrar(instancia.Id, clock.GetUtcNow(), bloqueada: false, instancia.Campanhas);
            return;
        }

        var agora = clock.GetUtcNow();
        if (resultado.State.NomeNoEvolution() is { } estado)
        {
            await db.Instancias.Where(i => i.Id == instancia.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Estado, estado)
                .SetProperty(i => i.EstadoAtualizadoEm, agora.UtcDateTime), ct);
        }

        if (resultado.State is InstanceConnectionState.NotFound)
        {
            estados.Registrar(instancia.Id, agora, bloqueada: true, instancia.Campanhas);
            await FalharAsync(instancia, resultado, services.GetRequiredService<IPublishEndpoint>(), ct);
            return;
        }

        if (MotivoDaPausa(instancia.EvolutionInstance, resultado) is not { } motivo)
        {
            if (resultado.State is not InstanceConnectionState.Open)
                logger.LogWarning("Instância {Instancia}: estado não confirmado ({Estado}: {Razao}); as campanhas seguem",
                    instancia.EvolutionInstance, resultado.State, resultado.Reason);
            estados.Registrar(instancia.Id, agora, bloqueada: false, instancia.Campanhas);
            // Not on the check that a pause itself triggered: a send can be refused with "Connection Closed" while
            // connectionState still says open, and resuming at once would loop pause and resume against a closed
            // connection. Resuming on periodic checks only bounds that to once per InstanceCheckEvery.
            if (resultado.State is InstanceConnectionState.Open && motivoDaVerificacao is MotivoDaVerificacao.Periodica)
                await RetomarAguardandoAsync(instancia, services.GetRequiredService<IPublishEndpoint>(), ct);
            return;
        }

        // Blocked before the pause is published: the scheduler must not hand out a slot while the saga catches up.
        estados.Registrar(instancia.Id, agora, bloqueada: true, instancia.Campanhas);
        var campanhas = await db.Database.SqlQuery<int>(
                $"SELECT id AS Value FROM campanhas_envio_massa WHERE instancia_id = {instancia.Id} AND status = 'enviando'")
            .ToListAsync(ct);
        var publish = services.GetRequiredService<IPublishEndpoint>();
        foreach (var campanhaId in campanhas)
        {
            logger.LogWarning("Campanha {CampanhaId} será pausada: instância {Instancia} em {Estado}",
                campanhaId, instancia.EvolutionInstance, resultado.State);
            await PublicacaoComPrazo.ExecutarAsync(
                limite => publish.Publish(new PausarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, motivo, PelaInstancia: true), limite),
                rabbit.Value.PublishTimeout, "a pausa da campanha", ct);
        }
    }

    /// <summary>
    /// Evolution has no such instance: every campaign watched on it (sending, or waiting for it to come back) goes to
    /// <c>erro</c>, since no reconnection brings a deleted instance back. A campaign started later on it goes the same
    /// way at its first check, before any slot.
    /// </summary>
    async Task FalharAsync(InstanciaAtiva instancia, ConnectionStateResult resultado, IPublishEndpoint publish, CancellationToken ct)
    {
        var motivo = MotivoDeErro.InstanciaSemVolta(instancia.EvolutionInstance, resultado.Reason ?? "o Evolution não tem instância com esse nome");
        foreach (var campanhaId in instancia.Vigiadas)
        {
            logger.LogWarning("Campanha {CampanhaId} vai para erro: a instância {Instancia} não existe no Evolution",
                campanhaId, instancia.EvolutionInstance);
            await PublicacaoComPrazo.ExecutarAsync(
                limite => publish.Publish(new CampanhaFalhou(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, motivo), limite),
                rabbit.Value.PublishTimeout, "o erro da campanha", ct);
        }
    }

    /// <summary>The saga resumes each one only if it is still paused by the instance; the operator may have paused it since.</summary>
    async Task RetomarAguardandoAsync(InstanciaAtiva instancia, IPublishEndpoint publish, CancellationToken ct)
    {
        foreach (var campanhaId in instancia.Aguardando)
        {
            logger.LogInformation("Campanha {CampanhaId} será retomada automaticamente: instância {Instancia} conectada de novo",
                campanhaId, instancia.EvolutionInstance);
            await PublicacaoComPrazo.ExecutarAsync(
                limite => publish.Publish(new RetomarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, Automatica: true), limite),
                rabbit.Value.PublishTimeout, "a retomada da campanha", ct);
        }
    }

    /// <summary>The reason recorded in <c>motivo_pausa</c>, or null when the state does not justify a pause.</summary>
    public static string? MotivoDaPausa(string instancia, ConnectionStateResult resultado) => resultado.State switch
    {
        InstanceConnectionState.Close or InstanceConnectionState.Connecting =>
            $"Pausada automaticamente: a instância {instancia} não está conectada ao WhatsApp " +
            $"(o Evolution informou o estado '{resultado.State.NomeNoEvolution()}'). Conecte o número e retome a campanha; " +
            "com a retomada automática ligada, ela volta sozinha.",
        InstanceConnectionState.Refused =>
            $"Pausada automaticamente: a instância {instancia} não está conectada ao WhatsApp: o Evolution atingiu o limite " +
            $"de QR codes sem que o número fosse conectado (estado '{EstadoInstancia.Refused}'). Gere um novo QR code, conecte " +
            "o número e retome a campanha; com a retomada automática ligada, ela volta sozinha.",
        InstanceConnectionState.Unauthorized =>
            $"Pausada automaticamente: o Evolution recusou a chave da instância {instancia} (estado 'não autorizada').",
        _ => null,
    };
}

using Microsoft.Extensions.Options;
using MySqlConnector;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>The scheduler's clock: every tick schedules each busy instance; every few seconds it also sweeps.</summary>
public sealed class SchedulerWorker(
    IServiceScopeFactory scopes,
    EstadoDasInstancias estados,
    TimeProvider clock,
    IOptions<SchedulerOptions> options,
    ILogger<SchedulerWorker> logger) : BackgroundService
{
    static bool IsDeadlock(Exception e) =>
        e is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock } || (e.InnerException is { } inner && IsDeadlock(inner));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var proximaVarredura = DateTimeOffset.MinValue;
        var falhando = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var agendador = scope.ServiceProvider.GetRequiredService<Agendador>();
                    foreach (var instanciaId in await agendador.InstanciasComCampanhasEnviandoAsync(stoppingToken))
                    {
                        // Not yet checked since its campaigns started sending, or found disconnected: no slots (P5).
                        if (!estados.PodeAgendar(instanciaId))
                            continue;
                        await using var porInstancia = scopes.CreateAsyncScope();
                        await porInstancia.ServiceProvider.GetRequiredService<Agendador>()
                            .AgendarInstanciaAsync(instanciaId, stoppingToken);
                    }
                }

                if (clock.GetUtcNow() >= proximaVarredura)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<Varredura>().ExecutarAsync(stoppingToken);
                    proximaVarredura = clock.GetUtcNow() + options.Value.SweepEvery;
                }

                if (falhando)
                    logger.LogInformation("Agendador voltou a funcionar");
                falhando = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsDeadlock(e))
            {
                // InnoDB picked this step as a deadlock victim and rolled it back: the next tick simply does it again.
                logger.LogDebug("Agendador: deadlock, repetindo no próximo ciclo");
            }
            catch (Exception e)
            {
                // Database or broker outage: keep trying; nothing is lost, the rows are the truth.
                if (!falhando)
                    logger.LogError(e, "Agendador falhou; tentando de novo a cada ciclo");
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
}

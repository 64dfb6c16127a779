using EnvioMassa.Data;
using EnvioMassa.Evolution;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// Before the sender takes its first message, one read against Evolution opens a pooled connection and runs the HTTP
/// stack once. Otherwise the first send of a fresh process leaves tens or hundreds of milliseconds after its turn,
/// and the gap to the next send on that number comes out shorter than the interval.
/// </summary>
public sealed class EvolutionWarmUp(IServiceScopeFactory scopes, ILogger<EvolutionWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EnvioMassaDbContext>();
            // Any instance will do, even one Evolution does not know (it answers 404): the point is the round trip.
            var instancia = await db.Instancias.AsNoTracking().OrderBy(i => i.Id)
                .Select(i => new { i.EvolutionInstance, i.ApiKey }).FirstOrDefaultAsync(timeout.Token);
            var nome = instancia?.EvolutionInstance ?? "enviomassa-aquecimento";
            var estado = await scope.ServiceProvider.GetRequiredService<IEvolutionClient>()
                .GetConnectionStateAsync(nome, instancia?.ApiKey, timeout.Token);
            logger.LogInformation("Evolution respondeu: instância {Instancia} em {Estado}", nome, estado.State);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only a warm-up: the sender works without it, and reports Evolution's problems per send.
            logger.LogWarning("Aquecimento da conexão com a Evolution falhou: {Erro}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

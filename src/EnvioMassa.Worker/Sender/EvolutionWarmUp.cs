using EnvioMassa.Evolution;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// Before the sender takes its first message, one request that sends nothing opens a pooled connection to Evolution
/// and runs the client's send path once. Otherwise the first send of a fresh process leaves tens or hundreds of milliseconds after its turn,
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
            await scope.ServiceProvider.GetRequiredService<IEvolutionClient>().WarmUpAsync(timeout.Token);
            logger.LogInformation("Conexão com a Evolution aquecida");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only a warm-up: the sender works without it, and reports Evolution's problems per send.
            logger.LogWarning("Aquecimento da conexão com a Evolution falhou: {Erro}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

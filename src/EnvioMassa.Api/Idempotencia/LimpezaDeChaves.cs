using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Idempotencia;

/// <summary>
/// Deletes expired keys every <see cref="IdempotenciaOptions.LimpezaACada"/>, in small batches by the <c>expira_em</c>
/// index so that no long lock is ever held; a round stops after <see cref="IdempotenciaOptions.MaximoPorLimpeza"/>
/// rows and a larger backlog shrinks round after round. Correctness does not depend on it: a call that meets an
/// expired key deletes it itself. Every replica runs it; their deletes of the same rows are harmless.
/// </summary>
public sealed class LimpezaDeChaves(
    IServiceScopeFactory scopes, TimeProvider relogio, IOptions<IdempotenciaOptions> options, ILogger<LimpezaDeChaves> logger)
    : BackgroundService
{
    const int Lote = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LimpezaACada, relogio);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LimparAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while; the next round tries again, and the API keeps serving.
                logger.LogWarning(e, "Limpeza das chaves de idempotência falhou; nova tentativa em {Intervalo}", options.Value.LimpezaACada);
            }
        }
    }

    async Task LimparAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var registro = scope.ServiceProvider.GetRequiredService<RegistroDeIdempotencia>();
        var removidas = 0;
        int lote;
        do
        {
            lote = await registro.RemoverExpiradasAsync(Math.Min(Lote, options.Value.MaximoPorLimpeza - removidas), ct);
            removidas += lote;
        } while (lote == Lote && removidas < options.Value.MaximoPorLimpeza);

        if (removidas > 0)
            logger.LogInformation("Chaves de idempotência expiradas removidas: {Removidas}", removidas);
    }
}

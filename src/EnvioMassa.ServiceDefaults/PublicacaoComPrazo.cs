using MassTransit;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.ServiceDefaults;

/// <summary>
/// Bounds a publish. After a broker restart RabbitMQ.Client may wait for a publisher confirm that never comes
/// (rabbitmq-dotnet-client#1930; seen here holding the scheduler for 4½ minutes). Past the bound the caller gets a
/// <see cref="TimeoutException"/> and undoes its step; whatever reached the broker meanwhile is harmless, because every
/// consumer re-checks the row. Every publish of the worker and the webhook goes through here: a publish left waiting keeps RabbitMQ.Client
/// from shutting the dead connection's channels down, and their consumers then never learn that they must reconnect.
/// </summary>
public static class PublicacaoComPrazo
{
    public static async Task ExecutarAsync(Func<CancellationToken, Task> publicar, TimeSpan prazo, string oQue, CancellationToken ct)
    {
        using var limite = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limite.CancelAfter(prazo);
        try
        {
            await publicar(limite.Token).WaitAsync(limite.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"O RabbitMQ não confirmou {oQue} em {prazo.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>
    /// For an event that the sweep announces again when it is lost (a result, a pause, the end of a campaign): a publish
    /// RabbitMQ does not confirm in time is logged, not thrown, so the consumer that already stored its work completes.
    /// </summary>
    public static async Task AnunciarAsync(this ConsumeContext context, object evento, TimeSpan prazo, ILogger logger)
    {
        try
        {
            await ExecutarAsync(limite => context.Publish(evento, evento.GetType(), limite), prazo, evento.GetType().Name, CancellationToken.None);
        }
        catch (TimeoutException e)
        {
            logger.LogWarning("{Erro} Se era um resultado final ou o fim da campanha, a varredura o anuncia de novo.", e.Message);
        }
    }
}

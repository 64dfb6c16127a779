namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// Bounds a publish. After a broker restart RabbitMQ.Client may wait for a publisher confirm that never comes
/// (rabbitmq-dotnet-client#1930; seen here holding the scheduler for 4½ minutes). Past the bound the caller gets a
/// <see cref="TimeoutException"/> and undoes its step; whatever reached the broker meanwhile is harmless, because every
/// consumer re-checks the row.
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
            throw new TimeoutException($"O RabbitMQ não confirmou {oQue} em {prazo.TotalSeconds:0.#} s; a etapa será repetida.");
        }
    }
}

using System.Collections.Concurrent;
using EnvioMassa.Contracts;
using MassTransit;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// Stands in for the worker's consumers (tested in the pipeline): records what the webhook published, and the campaign
/// failures a forced instance deletion announced.
/// </summary>
public sealed class EventosPublicados : IConsumer<EntregaInformada>, IConsumer<RespostaRecebida>, IConsumer<CampanhaFalhou>
{
    public ConcurrentQueue<object> Recebidos { get; } = new();

    public Task Consume(ConsumeContext<EntregaInformada> context)
    {
        Recebidos.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<RespostaRecebida> context)
    {
        Recebidos.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CampanhaFalhou> context)
    {
        Recebidos.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

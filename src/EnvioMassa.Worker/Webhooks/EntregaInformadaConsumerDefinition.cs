using MassTransit;

namespace EnvioMassa.Worker.Webhooks;

public sealed class EntregaInformadaConsumerDefinition : ConsumerDefinition<EntregaInformadaConsumer>
{
    /// <summary>Retries (about 3 s in all) of an update whose send may not be recorded yet, before it counts as unknown.</summary>
    public const int TentativasSemEnvio = 4;

    /// <summary>Few at a time: a burst of delivery updates must not take the database from the senders.</summary>
    public EntregaInformadaConsumerDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EntregaInformadaConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(300)));
}

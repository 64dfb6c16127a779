using MassTransit;

namespace EnvioMassa.Worker.Counters;

public sealed class ContadoresConsumerDefinition : ConsumerDefinition<ContadoresConsumer>
{
    public ContadoresConsumerDefinition() => ConcurrentMessageLimit = 8;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ContadoresConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(200)));
}

using MassTransit;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Worker.Sender;

public sealed class EnviarMensagemConsumerDefinition : ConsumerDefinition<EnviarMensagemConsumer>
{
    readonly SenderOptions _options;

    public EnviarMensagemConsumerDefinition(IOptions<SenderOptions> options)
    {
        _options = options.Value;
        ConcurrentMessageLimit = _options.ConcurrentMessages;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EnviarMensagemConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = (ushort)_options.ConcurrentMessages;
        // Only failures before the claim reach this (database hiccups, deadlocks): a retried message re-reads the row
        // and does nothing if it already moved. Delayed redelivery needs a broker plugin, so retries stay in process.
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(200)));
    }
}

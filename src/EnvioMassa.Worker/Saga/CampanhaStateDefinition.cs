using MassTransit;

namespace EnvioMassa.Worker.Saga;

public class CampanhaStateDefinition : SagaDefinition<CampanhaEstado>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<CampanhaEstado> sagaConfigurator, IRegistrationContext context)
    {
        // A version conflict, a deadlock or a lock wait timeout rolls the whole transaction back; the retry starts over
        // with a new scope, a new transaction and a fresh read of the row.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 100, 250, 500, 1000, 2000));

        // Responses and events leave only after the transaction committed, so nobody hears of a state that was rolled back.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}

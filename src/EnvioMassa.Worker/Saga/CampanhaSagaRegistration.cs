using EnvioMassa.Data;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnvioMassa.Worker.Saga;

public static class CampanhaSagaRegistration
{
    /// <summary>
    /// The campaign saga, persisted in <c>campanhas_envio_massa</c> through the scoped <see cref="EnvioMassaDbContext"/>
    /// (register it first, e.g. with <c>AddServiceDefaults()</c>). Its endpoint is named by the bus's endpoint name formatter.
    /// </summary>
    public static void AddCampanhaSaga(this IBusRegistrationConfigurator x)
    {
        x.TryAddScoped<IEnviosCampanha, EnviosCampanha>();
        x.AddSagaStateMachine<CampanhaStateMachine, CampanhaEstado, CampanhaStateDefinition>()
            .Repository(r => r.RegisterSagaRepository<CampanhaEstado, EnvioMassaDbContext,
                SagaConsumeContextFactory<EnvioMassaDbContext, CampanhaEstado>, CampanhaSagaRepositoryContextFactory>());
    }
}

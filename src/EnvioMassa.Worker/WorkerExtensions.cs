using EnvioMassa.Evolution;
using EnvioMassa.ServiceDefaults;
using EnvioMassa.Worker.Counters;
using EnvioMassa.Worker.Saga;
using EnvioMassa.Worker.Scheduler;
using EnvioMassa.Worker.Sender;
using EnvioMassa.Worker.Webhooks;
using MassTransit;

namespace EnvioMassa.Worker;

public static class WorkerExtensions
{
    /// <summary>Registers the roles this process runs (see <see cref="WorkerRoles"/>) and the bus they share.</summary>
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        var roles = WorkerRoles.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(roles);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section);
        services.AddOptions<SenderOptions>().BindConfiguration(SenderOptions.Section);
        services.AddOptions<OptOutOptions>().BindConfiguration(OptOutOptions.Section);

        // The scheduler asks Evolution for the instances' connection state (P5); the sender sends through it.
        if (roles.Sender || roles.Scheduler)
            services.AddEvolutionClient(builder.Configuration);

        if (roles.Sender)
        {
            // Registered before the bus, so it runs before the first message is taken.
            services.AddHostedService<EvolutionWarmUp>();
        }

        if (roles.Counters)
            services.AddSingleton<EntregaMetricas>();

        if (roles.Scheduler)
        {
            services.AddSingleton<DelayQueues>();
            services.AddSingleton(Calendario.Sistema);
            services.AddScoped<Agendador>();
            services.AddScoped<Varredura>();
            services.AddSingleton<EstadoDasInstancias>();
            services.AddHostedService<SchedulerWorker>();
            services.AddHostedService<MonitorDeInstancias>();
        }

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            if (roles.Sender)
                x.AddConsumer<EnviarMensagemConsumer, EnviarMensagemConsumerDefinition>();
            if (roles.Counters)
            {
                x.AddConsumer<ContadoresConsumer, ContadoresConsumerDefinition>();
                // What Evolution's webhooks tell, handed over by the API: delivery status and customers' replies.
                x.AddConsumer<EntregaInformadaConsumer, EntregaInformadaConsumerDefinition>();
                x.AddConsumer<RespostaRecebidaConsumer>();
            }
            if (roles.Saga)
                x.AddCampanhaSaga();

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.UseConfiguredHost(context);
                cfg.ConfigureEndpoints(context);
            });
        });

        // In-flight sends finish on SIGTERM (bounded by Evolution's send timeout); new ones are not taken.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(25);
        });
        return builder;
    }
}

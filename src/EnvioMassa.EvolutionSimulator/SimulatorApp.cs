using System.Diagnostics;
using EnvioMassa.EvolutionSimulator.Control;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.Routes;
using EnvioMassa.EvolutionSimulator.State;
using EnvioMassa.EvolutionSimulator.Webhooks;
using EnvioMassa.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator;

/// <summary>
/// Builds the simulator. Tests start it in process: <c>var app = SimulatorApp.Create([]);</c>,
/// <c>app.Urls.Add("http://127.0.0.1:0")</c>, <c>await app.StartAsync()</c>, then read <c>app.Urls</c>.
/// </summary>
public static class SimulatorApp
{
    public static WebApplication Create(string[] args)
    {
        // Named, because in a test the entry assembly is the test host. The simulator's appsettings.json keeps the
        // per-request framework logs at Warning: they would cost more than the simulated work under benchmark load.
        var builder = EnvioMassaHost.CreateBuilder(args, typeof(SimulatorApp).Assembly.GetName().Name);
        EvolutionEnvironment.AddTo(builder.Configuration);

        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InstanceRegistry>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<MessageSender>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, (services, http) => http.Timeout =
                TimeSpan.FromMilliseconds(services.GetRequiredService<IOptions<SimulatorOptions>>().Value.WebhookRequestTimeoutMs))
            // Evolution's axios adds no trace headers: the global webhook must arrive with none but its own.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
            });

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.MapEvolutionRoutes();
        app.MapControlRoutes();
        return app;
    }
}

using System.Diagnostics;
using EnvioMassa.EvolutionSimulator.Control;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.Routes;
using EnvioMassa.EvolutionSimulator.State;
using EnvioMassa.EvolutionSimulator.Webhooks;
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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
        });
        EvolutionEnvironment.AddTo(builder.Configuration);

        // Per-request framework logs would cost more than the simulated work under benchmark load.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

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

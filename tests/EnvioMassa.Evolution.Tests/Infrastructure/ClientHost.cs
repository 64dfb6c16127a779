using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>The Evolution client as the services register it, with its logs captured.</summary>
public sealed class ClientHost : IDisposable
{
    private readonly ServiceProvider _provider;

    private ClientHost(ServiceProvider provider, CapturingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
        Client = provider.GetRequiredService<IEvolutionClient>();
    }

    public IEvolutionClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public static ClientHost Create(
        string baseUrl,
        string apiKey = SimulatorFixture.GlobalKey,
        TimeSpan? sendTimeout = null,
        Action<IServiceCollection>? before = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Evolution:BaseUrl"] = baseUrl,
            ["Evolution:ApiKey"] = apiKey,
            ["Evolution:SendTimeout"] = (sendTimeout ?? TimeSpan.FromSeconds(20)).ToString(),
            ["Evolution:QueryTimeout"] = TimeSpan.FromSeconds(5).ToString(),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        before?.Invoke(services);
        services.AddEvolutionClient(configuration);
        return new ClientHost(services.BuildServiceProvider(), logs);
    }

    public void Dispose() => _provider.Dispose();
}

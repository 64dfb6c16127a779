using System.Text;
using System.Text.Json;
using EnvioMassa.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>
/// One isolated world for a pipeline test: a fresh database and RabbitMQ virtual host on the real servers, the
/// Evolution simulator, and the worker (in this process, with the roles asked for). Extra sender processes can join.
/// </summary>
public sealed class PipelineEnvironment : IAsyncDisposable
{
    readonly TestServers _servers;
    readonly List<WorkerProcess> _processes = [];

    PipelineEnvironment(TestServers servers, string connectionString, string virtualHost, Simulator simulator)
    {
        _servers = servers;
        ConnectionString = connectionString;
        VirtualHost = virtualHost;
        Simulator = simulator;
        Seed = new Seed(connectionString);
    }

    public string ConnectionString { get; }
    public string VirtualHost { get; }
    public Simulator Simulator { get; }
    public Seed Seed { get; }
    public WebApplication? Worker { get; private set; }
    public IReadOnlyList<WorkerProcess> Processes => _processes;

    public static async Task<PipelineEnvironment> CreateAsync(string purpose)
    {
        var servers = await TestServers.GetAsync();
        var connectionString = await servers.CreateDatabaseAsync(purpose);
        var virtualHost = await servers.CreateVirtualHostAsync(purpose);
        var simulator = await Simulator.StartProcessAsync();
        return new PipelineEnvironment(servers, connectionString, virtualHost, simulator);
    }

    public Dictionary<string, string?> Configuration(string roles, IDictionary<string, string?>? extra = null)
    {
        var configuration = _servers.Configuration(ConnectionString, VirtualHost);
        configuration["Evolution:BaseUrl"] = Simulator.BaseUrl.ToString();
        configuration["Evolution:ApiKey"] = Simulator.ApiKey;
        configuration["Worker:Roles"] = roles;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            configuration[key] = value;
        return configuration;
    }

    public async Task StartWorkerAsync(string roles = "all", IDictionary<string, string?>? extra = null,
        Xunit.Abstractions.ITestOutputHelper? output = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        Worker = await WorkerHost.StartInProcessAsync(Configuration(roles, extra), output, services);

    public Task<WorkerProcess> StartSenderProcessAsync(string name, IDictionary<string, string?>? extra = null) =>
        StartWorkerProcessAsync(name, "sender", extra);

    /// <summary>Another worker process, with the roles given, next to the in-process one.</summary>
    public async Task<WorkerProcess> StartWorkerProcessAsync(string name, string roles, IDictionary<string, string?>? extra = null)
    {
        var process = await WorkerHost.StartProcessAsync(Configuration(roles, extra), name);
        _processes.Add(process);
        return process;
    }

    public const string ApiKey = "chave-da-api-do-pipeline";

    /// <summary>
    /// The API as its own process on this world's database and broker (the schema is already there), for tests that
    /// drive the real worker through HTTP; disposed with the world. <see cref="ApiHttp"/> calls it with the key.
    /// </summary>
    public async Task<WorkerProcess> StartApiProcessAsync(IDictionary<string, string?>? extra = null)
    {
        var configuration = Configuration("all", extra);
        configuration["Api:Key"] = ApiKey;
        configuration["Database:MigrateOnStartup"] = "false";
        var api = await DotnetProcess.StartAsync("EnvioMassa.Api", "api", configuration, "/health/ready");
        _processes.Add(api);
        return api;
    }

    public static HttpClient ApiHttp(WorkerProcess api, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = api.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    IBus Bus => (Worker ?? throw new InvalidOperationException("O worker não foi iniciado.")).Services.GetRequiredService<IBus>();

    /// <summary>Sends a campaign command the way the API does and returns the saga's answer.</summary>
    public async Task<object> ComandoAsync<T>(T command) where T : class
    {
        var client = Bus.CreateRequestClient<T>(RequestTimeout.After(s: 30));
        var response = await client.GetResponse<TransicaoAceita, TransicaoRecusada>(command);
        return response.Message;
    }

    public Task<object> IniciarAsync(int campanhaId) =>
        ComandoAsync(new IniciarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, null));

    public Task<object> PausarAsync(int campanhaId) =>
        ComandoAsync(new PausarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId, null));

    public Task<object> RetomarAsync(int campanhaId) =>
        ComandoAsync(new RetomarCampanha(CampanhaCorrelation.ParaGuid(campanhaId), campanhaId));

    public async Task WaitForStatusAsync(int campanhaId, string status, TimeSpan timeout)
    {
        try
        {
            await Eventually.UntilAsync(() => Seed.StatusAsync(campanhaId), s => s == status, timeout,
                $"campanha {campanhaId} em '{status}'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await DiagnosticoAsync()}", e);
        }
    }

    /// <summary>Where a stuck pipeline stands: every campaign's rows by status, and every queue of this test's vhost.</summary>
    public async Task<string> DiagnosticoAsync()
    {
        var texto = new StringBuilder("Diagnóstico:\n");
        try
        {
            texto.Append(await Seed.ResumoAsync());
            if (Worker is not null)
            {
                var saude = Worker.Services.GetRequiredService<IBusControl>().CheckHealth();
                texto.Append($"  barramento do worker: {saude.Status} ({saude.Description})\n");
                foreach (var (endereco, endpoint) in saude.Endpoints)
                    texto.Append($"    {endereco}: {endpoint.Status} ({endpoint.Description})\n");
            }

            using var http = _servers.ManagementClient();
            using var filas = JsonDocument.Parse(await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}"));
            foreach (var fila in filas.RootElement.EnumerateArray())
            {
                texto.Append($"  fila {fila.GetProperty("name").GetString()}: prontas {Numero(fila, "messages_ready")}, " +
                             $"em uso {Numero(fila, "messages_unacknowledged")}, consumidores {Numero(fila, "consumers")}\n");
            }
        }
        catch (Exception e)
        {
            texto.Append($"  (diagnóstico incompleto: {e.Message})\n");
        }

        return texto.ToString();

        static long Numero(JsonElement e, string nome) => e.TryGetProperty(nome, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : -1;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync();
        if (Worker is not null)
        {
            await Worker.StopAsync();
            await Worker.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        await _servers.DeleteVirtualHostAsync(VirtualHost);
        await _servers.DropDatabaseAsync(ConnectionString);
    }
}

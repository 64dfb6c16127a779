extern alias ApiHost;

using System.Net.Http.Headers;
using EnvioMassa.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// The real API (<c>Program</c>) on a fresh, empty MariaDB database — so every run also proves the migrations applied
/// at start-up — and its own RabbitMQ virtual host, talking over HTTP to the Evolution simulator. Campaign commands
/// are answered by <see cref="SagaFalsa"/>, a tiny consumer on its own bus in the same virtual host.
/// </summary>
public sealed class ApiFixture : WebApplicationFactory<ApiHost::Program>, IAsyncLifetime
{
    public const string ApiKey = "chave-de-teste-da-api";
    public const string WebhookToken = "segredo-do-webhook-de-teste";

    TestServers _servers = null!;
    IBusControl? _sagaBus;
    Simulator? _evolution;

    public string ConnectionString { get; private set; } = "";
    public string VirtualHost { get; private set; } = "";
    public Simulator Evolution => _evolution ?? throw new InvalidOperationException("O simulador não iniciou.");
    public SagaFalsa Saga { get; } = new();
    public EventosPublicados Eventos { get; } = new();
    public Seed Seed { get; private set; } = null!;

    /// <summary>How long the API waits for the saga here; the timeout test waits this long.</summary>
    public static readonly TimeSpan TransicaoTimeout = TimeSpan.FromSeconds(3);

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        ConnectionString = await CreateEmptyDatabaseAsync();
        VirtualHost = await _servers.CreateVirtualHostAsync("apihttp");
        _evolution = await Simulator.StartAsync();
        Seed = new Seed(ConnectionString);

        _sagaBus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(_servers.Rabbit.Host, (ushort)_servers.Rabbit.Port, VirtualHost, h =>
            {
                h.Username(_servers.RabbitUser);
                h.Password(_servers.RabbitPassword);
            });
            cfg.ReceiveEndpoint("saga-falsa", e => e.Consumer(() => Saga));
            cfg.ReceiveEndpoint("eventos-do-webhook", e => e.Consumer(() => Eventos));
        });
        await _sagaBus.StartAsync();

        // Starts the host: migrations, bus.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var configuration = _servers.Configuration(ConnectionString, VirtualHost);
        configuration["Api:Key"] = ApiKey;
        configuration["Api:TransicaoTimeout"] = TransicaoTimeout.ToString();
        configuration["Evolution:BaseUrl"] = Evolution.BaseUrl.ToString();
        configuration["Evolution:ApiKey"] = Simulator.ApiKey;
        configuration["Evolution:WebhookToken"] = WebhookToken;
        configuration["Database:MigrateOnStartup"] = "true";
        configuration["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in configuration)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true));
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient SemChave() => CreateClient();

    async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"enviomassa_t_api_{Guid.NewGuid():N}"[..40];
        await using var connection = new MySqlConnection(_servers.MySqlServer);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        await command.ExecuteNonQueryAsync();
        return $"{_servers.MySqlServer};Database={name}";
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sagaBus is not null)
            await _sagaBus.StopAsync();
        if (_evolution is not null)
            await _evolution.DisposeAsync();
        if (VirtualHost.Length > 0)
            await _servers.DeleteVirtualHostAsync(VirtualHost);
        if (ConnectionString.Length > 0)
            await _servers.DropDatabaseAsync(ConnectionString);
    }
}

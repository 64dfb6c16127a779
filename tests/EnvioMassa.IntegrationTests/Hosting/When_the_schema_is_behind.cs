using System.Net;
using EnvioMassa.IntegrationTests.Infrastructure;

namespace EnvioMassa.IntegrationTests.Hosting;

/// <summary>
/// Where the migrations run apart (Kubernetes' Job, <c>Database:MigrateOnStartup=false</c>), a host that starts first
/// must stay out of the load balancer: <c>/health/ready</c> is 503 and says what to do, until the migrations are in.
/// </summary>
public sealed class When_the_schema_is_behind : IAsyncLifetime
{
    TestServers _servers = null!;
    string _connectionString = "";
    string _virtualHost = "";

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateEmptyDatabaseAsync("esquema");
        _virtualHost = await _servers.CreateVirtualHostAsync("esquema");
    }

    public async Task DisposeAsync()
    {
        await _servers.DropDatabaseAsync(_connectionString);
        await _servers.DeleteVirtualHostAsync(_virtualHost);
    }

    [Theory]
    [InlineData("EnvioMassa.Api")]
    [InlineData("EnvioMassa.Worker")]
    public async Task Should_not_be_ready_until_the_migrations_are_applied(string project)
    {
        var configuration = _servers.Configuration(_connectionString, _virtualHost);
        configuration["Api:Key"] = "chave-do-teste-de-esquema";
        configuration["Evolution:BaseUrl"] = "http://127.0.0.1:9";
        configuration["Database:MigrateOnStartup"] = "false";
        // The worker's senders and scheduler would read tables that do not exist yet: only the bus is asked for.
        configuration["Worker:Roles"] = "counters";
        await using var host = await DotnetProcess.StartAsync(project, project, configuration, "/health/live");
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        var antes = await Eventually.UntilAsync(() => http.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "/health/ready responder 503");
        var relatorio = await antes.Content.ReadAsStringAsync();
        Assert.Contains("migração(ões) pendente(s)", relatorio);

        await TestServers.MigrateAsync(_connectionString);

        await Eventually.UntilAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "/health/ready responder 200 depois das migrações");
    }
}

using EnvioMassa.IntegrationTests.Infrastructure;

namespace EnvioMassa.IntegrationTests.Hosting;

/// <summary>
/// A container says where to listen in the environment (<c>ASPNETCORE_URLS</c>, <c>URLS</c>); the hosts listen there
/// and not on the local address of their <c>appsettings.json</c>, which only applies when nothing else is said. Each
/// host is started with no <c>--urls</c>, its address only in the variable, and must answer on it.
/// </summary>
public sealed class When_a_host_is_given_its_address : IAsyncLifetime
{
    TestServers _servers = null!;
    string _connectionString = "";
    string _virtualHost = "";

    public static TheoryData<string, string, string> Hosts => new()
    {
        { "EnvioMassa.Api", "/health/ready", "ASPNETCORE_URLS" },
        { "EnvioMassa.Api", "/health/ready", "URLS" },
        { "EnvioMassa.Worker", "/health/ready", "ASPNETCORE_URLS" },
        { "EnvioMassa.Worker", "/health/ready", "URLS" },
        { "EnvioMassa.EvolutionSimulator", "/_sim/config", "ASPNETCORE_URLS" },
        // The local default itself: with nothing else set, the host takes it from its appsettings.json key.
        { "EnvioMassa.Api", "/health/ready", "UrlsPadrao" },
        { "EnvioMassa.Worker", "/health/ready", "UrlsPadrao" },
    };

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync("endereco");
        _virtualHost = await _servers.CreateVirtualHostAsync("endereco");
    }

    public async Task DisposeAsync()
    {
        await _servers.DropDatabaseAsync(_connectionString);
        await _servers.DeleteVirtualHostAsync(_virtualHost);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Should_listen_where_the_environment_says(string project, string readyPath, string variable)
    {
        var configuration = _servers.Configuration(_connectionString, _virtualHost);
        configuration["Api:Key"] = "chave-do-teste-de-endereco";
        configuration["Evolution:BaseUrl"] = "http://127.0.0.1:9";

        // StartAsync waits until readyPath answers on the address it put in the variable, and fails if it never does.
        await using var host = await DotnetProcess.StartAsync(project, $"{project} com {variable}", configuration, readyPath,
            addressVariable: variable);

        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.GetAsync(readyPath);
        Assert.True(response.IsSuccessStatusCode, $"{project} em {host.BaseUrl}{readyPath}: {(int)response.StatusCode}");
    }
}

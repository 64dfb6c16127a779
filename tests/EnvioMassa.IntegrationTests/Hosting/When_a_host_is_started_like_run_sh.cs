using System.Text;
using System.Text.RegularExpressions;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Hosting;

/// <summary>
/// <c>run.sh</c> starts each host as <c>dotnet src/X/bin/Release/net10.0/X.dll</c> from the repository root. Started
/// like that, from there or from any other folder, a host still reads its own <c>appsettings.json</c>: its log levels
/// are in force (the framework at Warning), where before every SQL command and HTTP request was logged. Each host is
/// started twice, doing the same work: as it is, and told to log the framework at Information — the second run shows
/// that the lines the first must not have are really written when the levels allow them.
/// </summary>
public sealed class When_a_host_is_started_like_run_sh : IAsyncLifetime
{
    const string SqlCommand = "Executed DbCommand"; // Microsoft.EntityFrameworkCore.Database.Command, Information
    const string HttpRequest = "Request starting"; // Microsoft.AspNetCore.Hosting.Diagnostics, Information
    // The API never writes "Request starting" (it prints the URL, where the webhook's secret can be: ADR 0005).
    const string Endpoint = "Executing endpoint"; // Microsoft.AspNetCore.Routing.EndpointMiddleware, Information
    const string ApiKey = "chave-do-teste-de-hospedagem";
    static readonly Regex AppInformation = new(@"^info: EnvioMassa\.", RegexOptions.Multiline);
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    TestServers _servers = null!;
    Simulator _evolution = null!;
    Seed _seed = null!;
    string _connectionString = "";
    string _virtualHost = "";
    int _envioId;

    public static TheoryData<string> Folders => new() { WorkerHost.RepositoryRoot(), Path.GetTempPath() };

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync("hosting");
        _virtualHost = await _servers.CreateVirtualHostAsync("hosting");
        _evolution = await Simulator.StartAsync();
        _seed = new Seed(_connectionString);
        var campanha = await _seed.CampanhaAsync(await _seed.InstanciaAsync("loja-hospedagem"), 1, 2);
        _envioId = (await _seed.EnviosAsync(campanha.Id)).Single().Id;
    }

    public async Task DisposeAsync()
    {
        await _evolution.DisposeAsync();
        await _servers.DropDatabaseAsync(_connectionString);
        await _servers.DeleteVirtualHostAsync(_virtualHost);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Should_keep_the_api_at_the_log_levels_of_its_appsettings(string folder)
    {
        async Task ImportOneCustomer(WorkerProcess api)
        {
            using var http = new HttpClient { BaseAddress = api.BaseUrl, Timeout = Timeout };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            using var body = new StringContent("""[{"nome":"Ana","telefone":"+55 11 99999-0001"}]""", Encoding.UTF8,
                "application/json");
            (await http.PostAsync("/api/clientes", body)).EnsureSuccessStatusCode();
        }

        await AssertTheLogLevelsOfItsAppsettingsAsync("EnvioMassa.Api", "/health/ready", folder, ImportOneCustomer,
            SqlCommand, Endpoint);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Should_keep_the_worker_at_the_log_levels_of_its_appsettings(string folder)
    {
        // The sweep's first pass takes back a row scheduled long ago whose message never came: database work the
        // test can see done without reading the log.
        async Task LetTheSweepRun(WorkerProcess worker)
        {
            await Eventually.UntilAsync(() => EnvioStatusAsync(), s => s == StatusEnvio.Pendente, Timeout,
                $"a varredura de {worker.Name} devolver o envio agendado a pendente");
        }

        await AssertTheLogLevelsOfItsAppsettingsAsync("EnvioMassa.Worker", "/health/ready", folder, LetTheSweepRun,
            SqlCommand, HttpRequest);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Should_keep_the_simulator_at_the_log_levels_of_its_appsettings(string folder)
    {
        async Task AddAnInstance(WorkerProcess simulator)
        {
            using var http = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = Timeout };
            using var body = new StringContent("""{"state":"open"}""", Encoding.UTF8, "application/json");
            (await http.PutAsync("/_sim/instances/loja-hospedagem", body)).EnsureSuccessStatusCode();
        }

        await AssertTheLogLevelsOfItsAppsettingsAsync("EnvioMassa.EvolutionSimulator", "/_sim/config", folder, AddAnInstance,
            HttpRequest);
    }

    /// <summary>
    /// Starts the host from <paramref name="folder"/>, lets it <paramref name="work"/> and stops it: it wrote its own
    /// Information lines and none of <paramref name="frameworkLines"/>. Then the same again with the framework at
    /// Information: now it writes them.
    /// </summary>
    async Task AssertTheLogLevelsOfItsAppsettingsAsync(string project, string readyPath, string folder,
        Func<WorkerProcess, Task> work, params string[] frameworkLines)
    {
        var configuration = Configuration();
        // What appsettings.json says; DotnetProcess would otherwise turn everything down to Warning.
        configuration["Logging:LogLevel:Default"] = "Information";
        var quiet = await RunAsync(project, readyPath, folder, configuration, work);

        configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information";
        configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        var loud = await RunAsync(project, readyPath, folder, configuration, work);

        AssertAppsettingsLevels(quiet, frameworkLines);
        AssertWritten(loud, frameworkLines);
    }

    /// <summary>
    /// Static web assets map the project's <c>wwwroot</c> only in Development; in Production, started from its build
    /// output, the API must find the dashboard's files next to its dll.
    /// </summary>
    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Should_serve_the_dashboard_from_its_build_output(string folder)
    {
        var configuration = Configuration();
        configuration["ASPNETCORE_ENVIRONMENT"] = "Production";
        await using var api = await DotnetProcess.StartAsync("EnvioMassa.Api", $"EnvioMassa.Api em {folder}", configuration, "/health/ready", folder);
        using var http = new HttpClient { BaseAddress = api.BaseUrl, Timeout = Timeout };

        var pagina = await http.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, pagina.StatusCode);
        Assert.Equal("text/html", pagina.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Painel do operador", await pagina.Content.ReadAsStringAsync());
        foreach (var arquivo in new[] { "/painel.css", "/js/painel.js", "/js/api.js", "/js/grafico.js" })
        {
            using var resposta = await http.GetAsync(arquivo);
            Assert.True(resposta.IsSuccessStatusCode, $"{arquivo}: {(int)resposta.StatusCode}");
        }
    }

    Dictionary<string, string?> Configuration()
    {
        var configuration = _servers.Configuration(_connectionString, _virtualHost);
        configuration["Evolution:BaseUrl"] = _evolution.BaseUrl.ToString();
        configuration["Evolution:ApiKey"] = Simulator.ApiKey;
        configuration["Api:Key"] = ApiKey;
        configuration["Evolution:WebhookToken"] = "segredo-do-teste-de-hospedagem";
        return configuration;
    }

    async Task<string> RunAsync(string project, string readyPath, string folder, Dictionary<string, string?> configuration,
        Func<WorkerProcess, Task> work)
    {
        // Every run starts from the same data: one row for the worker's sweep to take back (the others ignore it).
        await ScheduleTheEnvioLongAgoAsync();
        await using var host = await DotnetProcess.StartAsync(project, $"{project} em {folder}", configuration, readyPath, folder);
        await work(host);
        // Once it has exited, everything it logged has been written out and read.
        await host.TerminateAsync(Timeout);
        return host.Output;
    }

    static void AssertAppsettingsLevels(string output, string[] frameworkLines)
    {
        Assert.True(AppInformation.IsMatch(output),
            "Sem nenhuma linha Information da própria aplicação:\n" + Excerpt(output, 0));
        foreach (var line in frameworkLines)
        {
            var at = output.IndexOf(line, StringComparison.Ordinal);
            Assert.True(at < 0, $"Escreveu \"{line}\" no nível Information: os níveis do seu appsettings.json não " +
                "estão valendo.\n" + Excerpt(output, at));
        }
    }

    static void AssertWritten(string output, string[] frameworkLines)
    {
        foreach (var line in frameworkLines)
            Assert.True(output.Contains(line, StringComparison.Ordinal),
                $"Com o framework em Information deveria ter escrito \"{line}\":\n" + Excerpt(output, 0));
    }

    /// <summary>Up to 4,000 characters of the output around <paramref name="at"/>.</summary>
    static string Excerpt(string output, int at)
    {
        var start = Math.Max(0, at - 1000);
        return output.Substring(start, Math.Min(4000, output.Length - start));
    }

    async Task ScheduleTheEnvioLongAgoAsync()
    {
        await using var db = _seed.Db();
        await db.Envios.Where(e => e.Id == _envioId).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, StatusEnvio.Agendado)
            .SetProperty(e => e.AgendadoPara, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    async Task<string> EnvioStatusAsync()
    {
        await using var db = _seed.Db();
        return await db.Envios.Where(e => e.Id == _envioId).Select(e => e.Status).SingleAsync();
    }
}

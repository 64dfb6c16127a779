using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.EvolutionSimulator;
using EnvioMassa.EvolutionSimulator.Recording;
using Microsoft.AspNetCore.Builder;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>One simulator on a real loopback port for the whole run, reset before every test.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string GlobalKey = "chave-global-9f3a1c";
    public const string Shop = "loja";
    public const string ShopToken = "token-da-loja-71d2";
    public const string Branch = "filial";
    public const string BranchToken = "token-da-filial-4be8";

    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = SimulatorApp.Create(
        [
            $"--Simulator:GlobalApiKey={GlobalKey}",
            $"--Simulator:Instances:0:Name={Shop}",
            $"--Simulator:Instances:0:Token={ShopToken}",
            $"--Simulator:Instances:1:Name={Branch}",
            $"--Simulator:Instances:1:Token={BranchToken}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        _app.Urls.Add("http://127.0.0.1:0");
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public async Task ResetAsync() => (await Http.PostAsync("_sim/reset", null)).EnsureSuccessStatusCode();

    public async Task PutAsync(string path, object body) => (await Http.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public Task ScriptFaultAsync(string kind, int count = 1, string? number = null, string? instance = null, string? route = null) =>
        PostAsync("_sim/faults", new { kind, count, number, instance, route });

    public Task SetMissingAsync(params string[] numbers) => PutAsync("_sim/numbers/missing", new { numbers });

    public Task SetStateAsync(string instance, string state) => PutAsync($"_sim/instances/{instance}/state", new { state });

    public async Task<List<RequestRecord>> RequestsAsync(string? instance = null, long? since = null)
    {
        var query = $"_sim/requests?instance={instance}&since={since}";
        return (await Http.GetFromJsonAsync<List<RequestRecord>>(query, JsonSerializerOptions.Web))!;
    }

    public async Task<HttpResponseMessage> PostEvolutionAsync(string path, string json, string apiKey = GlobalKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("apikey", apiKey);
        return await Http.SendAsync(request);
    }

    private async Task PostAsync(string path, object body) => (await Http.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
}

[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "Evolution simulator";
}

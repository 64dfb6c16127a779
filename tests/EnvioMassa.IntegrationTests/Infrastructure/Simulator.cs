using System.Net.Http.Json;
using EnvioMassa.EvolutionSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>The project's Evolution simulator on a real port of 127.0.0.1, driven through its <c>/_sim</c> control routes.</summary>
public sealed class Simulator : IAsyncDisposable
{
    public const string ApiKey = "test-global-key";

    readonly WebApplication _app;

    Simulator(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }
    public HttpClient Http { get; }

    public static async Task<Simulator> StartAsync()
    {
        var app = SimulatorApp.Create([$"--Simulator:GlobalApiKey={ApiKey}", "--Logging:LogLevel:Default=Warning"]);
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new Simulator(app, new Uri(address));
    }

    public async Task AddInstanceAsync(string name, string state = "open") =>
        (await Http.PutAsJsonAsync($"/_sim/instances/{name}", new { state })).EnsureSuccessStatusCode();

    public async Task SetStateAsync(string name, string state) =>
        (await Http.PutAsJsonAsync($"/_sim/instances/{name}/state", new { state })).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<SimRequest>> RequestsAsync(string? instance = null)
    {
        var url = instance is null ? "/_sim/requests" : $"/_sim/requests?instance={Uri.EscapeDataString(instance)}";
        return await Http.GetFromJsonAsync<List<SimRequest>>(url) ?? [];
    }

    /// <summary>sendText requests only, in arrival order.</summary>
    public async Task<IReadOnlyList<SimRequest>> SendsAsync(string? instance = null) =>
        (await RequestsAsync(instance)).Where(r => r.Route.Contains("sendText", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record SimRequest(
    long Seq,
    string Route,
    string? Instance,
    string? Number,
    string? Text,
    DateTime ArrivedAt,
    DateTime? RespondedAt,
    int? StatusCode,
    string Outcome,
    string? MessageId);

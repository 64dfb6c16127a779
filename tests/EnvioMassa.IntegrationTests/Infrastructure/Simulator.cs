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

    readonly WebApplication? _app;
    readonly WorkerProcess? _process;

    Simulator(WebApplication? app, WorkerProcess? process, Uri baseUrl)
    {
        _app = app;
        _process = process;
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
        return new Simulator(app, null, new Uri(address));
    }

    /// <summary>
    /// The simulator as its own OS process, like a real Evolution server: pacing is measured at its door, so it must
    /// not share a thread pool (and its delays) with the senders under test.
    /// </summary>
    public static async Task<Simulator> StartProcessAsync()
    {
        var process = await DotnetProcess.StartAsync("EnvioMassa.EvolutionSimulator", "simulator",
            new Dictionary<string, string?> { ["Simulator:GlobalApiKey"] = ApiKey }, "/_sim/config");
        return new Simulator(null, process, process.BaseUrl);
    }

    public async Task AddInstanceAsync(string name, string state = "open") =>
        (await Http.PutAsJsonAsync($"/_sim/instances/{name}", new { state })).EnsureSuccessStatusCode();

    public async Task SetStateAsync(string name, string state) =>
        (await Http.PutAsJsonAsync($"/_sim/instances/{name}/state", new { state })).EnsureSuccessStatusCode();

    /// <summary>Deletes the instance, as Evolution's <c>DELETE /instance/delete</c>: every route then answers 404 "does not exist".</summary>
    public async Task DeleteInstanceAsync(string name) =>
        (await Http.DeleteAsync($"/_sim/instances/{name}")).EnsureSuccessStatusCode();

    /// <summary>Every Evolution request waits this long before it is answered.</summary>
    public async Task SetLatencyAsync(TimeSpan latency) =>
        (await Http.PutAsJsonAsync("/_sim/config", new { latencyMs = (int)latency.TotalMilliseconds })).EnsureSuccessStatusCode();

    /// <summary>Latency, jitter and random fault rates for every send from now on (replaces the whole configuration).</summary>
    public async Task ConfigureAsync(EnvioMassa.EvolutionSimulator.Faults.FaultSettings settings) =>
        (await Http.PutAsJsonAsync("/_sim/config", settings)).EnsureSuccessStatusCode();

    /// <summary>The next <paramref name="count"/> sends to <paramref name="number"/> answer with the fault <paramref name="kind"/>.</summary>
    public async Task AddFaultAsync(string number, string kind, int count) =>
        (await Http.PostAsJsonAsync("/_sim/faults", new { kind, count, number })).EnsureSuccessStatusCode();

    /// <summary>Numbers that are not on WhatsApp (sendText answers exists:false); replaces the whole list.</summary>
    public async Task SetMissingNumbersAsync(IEnumerable<string> numbers) =>
        (await Http.PutAsJsonAsync("/_sim/numbers/missing", new { numbers })).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<SimRequest>> RequestsAsync(string? instance = null)
    {
        var url = instance is null ? "/_sim/requests" : $"/_sim/requests?instance={Uri.EscapeDataString(instance)}";
        return await Http.GetFromJsonAsync<List<SimRequest>>(url) ?? [];
    }

    /// <summary>
    /// sendText and sendMedia requests to instances that exist, in arrival order (the senders' warm-up request goes to
    /// an instance no one has, and sends nothing).
    /// </summary>
    public async Task<IReadOnlyList<SimRequest>> SendsAsync(string? instance = null) =>
        (await RequestsAsync(instance))
            .Where(r => (r.Route.Contains("sendText", StringComparison.Ordinal) || r.Route.Contains("sendMedia", StringComparison.Ordinal))
                        && r.Outcome != "not_found")
            .ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_process is not null)
            await _process.DisposeAsync();
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
    string? MessageId,
    string? Media = null,
    long? DelayMs = null);

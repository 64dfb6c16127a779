using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.EvolutionSimulator;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>
/// One simulator on a real loopback port for the whole run, reset before every test; or, through
/// <see cref="StartAsync"/>, one of a test's own with other start-up settings.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string GlobalKey = "chave-global-9f3a1c";
    public const string Shop = "loja";
    public const string ShopToken = "token-da-loja-71d2";
    public const string Branch = "filial";
    public const string BranchToken = "token-da-filial-4be8";

    private readonly string[] _extraArgs;
    private WebApplication? _app;

    public SimulatorFixture()
        : this([])
    {
    }

    private SimulatorFixture(string[] extraArgs) => _extraArgs = extraArgs;

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
            .. _extraArgs,
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

    /// <summary>A simulator of the test's own, seeded like the shared one, with <paramref name="extraArgs"/> on top.</summary>
    public static async Task<SimulatorFixture> StartAsync(params string[] extraArgs)
    {
        var simulator = new SimulatorFixture(extraArgs);
        await simulator.InitializeAsync();
        return simulator;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

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

    /// <summary><c>POST /webhook/set</c> for <paramref name="instance"/>, enabled, with the four events the simulator raises by default.</summary>
    public async Task SetWebhookAsync(string instance, string url, IReadOnlyDictionary<string, string>? headers = null, bool byEvents = false,
        IReadOnlyList<string>? events = null)
    {
        var body = JsonSerializer.Serialize(new
        {
            webhook = new
            {
                enabled = true,
                url,
                headers = headers ?? new Dictionary<string, string>(),
                byEvents,
                base64 = false,
                events = events ?? ["SEND_MESSAGE", "MESSAGES_UPDATE", "MESSAGES_UPSERT", "CONNECTION_UPDATE"],
            },
        });
        using var response = await PostEvolutionAsync($"webhook/set/{instance}", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts connection.update for <paramref name="state"/> and answers with the first attempt.</summary>
    public async Task<WebhookDelivery?> ChangeStateAsync(string instance, string state, int? statusReason = null)
    {
        using var response = await Http.PutAsJsonAsync($"_sim/instances/{instance}/state", new { state, webhook = true, statusReason });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("webhook").Deserialize<WebhookDelivery>(JsonSerializerOptions.Web);
    }

    /// <summary>
    /// Every webhook attempt the simulator recorded, once <paramref name="until"/> holds: a record is written only
    /// after the receiver has answered, so a test that saw the request may still have to wait for it.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Func<IReadOnlyList<WebhookDelivery>, bool> until)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var deliveries = (await Http.GetFromJsonAsync<List<WebhookDelivery>>("_sim/webhooks", JsonSerializerOptions.Web, deadline.Token))!;
            if (until(deliveries))
            {
                return deliveries;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    private async Task PostAsync(string path, object body) => (await Http.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
}

[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "Evolution simulator";
}

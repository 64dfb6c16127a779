using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>
/// A tiny HTTP server on a loopback port that keeps every webhook posted to it, with its path, query, headers and
/// time of arrival. It answers 200 unless told otherwise, and tests wait on it instead of sleeping.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Queue<(int Status, TimeSpan Hold)> _answers = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _defaultStatus = 200;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single().TrimEnd('/') + "/hook";

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next <paramref name="times"/> webhooks get <paramref name="status"/>, after holding the request for <paramref name="hold"/>.</summary>
    public void Answer(int status, int times = 1, TimeSpan hold = default)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _answers.Enqueue((status, hold));
            }
        }
    }

    /// <summary>What every webhook gets once the scripted answers are used up.</summary>
    public void AnswerAlways(int status)
    {
        lock (_gate)
        {
            _defaultStatus = status;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> webhooks have arrived and returns them all, in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_received.Count >= count)
                {
                    return [.. _received];
                }
                arrived = _arrived.Task;
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {count} webhooks, {Received.Count} arrived");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var received = new ReceivedWebhook(
            http.Request.Path,
            http.Request.QueryString.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.RootElement.Clone(),
            DateTimeOffset.UtcNow);

        (int Status, TimeSpan Hold) answer;
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _received.Add(received);
            answer = _answers.TryDequeue(out var scripted) ? scripted : (_defaultStatus, TimeSpan.Zero);
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.SetResult();

        if (answer.Hold > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Hold, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The simulator gave up waiting, which is what the hold is for.
            }
        }
        http.Response.StatusCode = answer.Status;
    }
}

public sealed record ReceivedWebhook(string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonElement Body, DateTimeOffset ReceivedAt)
{
    public string Token => Header("x-token") ?? "";

    public string Event => Body.GetProperty("event").GetString()!;

    public JsonElement Data => Body.GetProperty("data");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

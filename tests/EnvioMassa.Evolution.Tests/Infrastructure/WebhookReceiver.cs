using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>A tiny HTTP server on a loopback port that keeps every webhook posted to it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single().TrimEnd('/') + "/hook";

    public IReadOnlyCollection<ReceivedWebhook> Received => _received;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            receiver._received.Enqueue(new ReceivedWebhook(
                http.Request.Path, http.Request.Headers["x-token"].ToString(), body.RootElement.Clone()));
            return Results.Ok();
        });
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Path, string Token, JsonElement Body);

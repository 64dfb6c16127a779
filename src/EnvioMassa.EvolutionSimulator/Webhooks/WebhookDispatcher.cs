using System.Net.Http.Headers;
using System.Text.Json;
using EnvioMassa.EvolutionSimulator.State;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// Posts Evolution's webhook envelope to an instance's webhook. Like Evolution it retries with backoff, but
/// never after 400/401/403/404/422. The first attempt can be awaited, so control routes can answer with it.
/// </summary>
public sealed class WebhookDispatcher(
    IHttpClientFactory httpClients,
    InstanceRegistry registry,
    IOptions<SimulatorOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    private const int KeptDeliveries = 10_000;
    private static readonly int[] FinalStatuses = [400, 401, 403, 404, 422];

    private readonly Lock _gate = new();
    private readonly LinkedList<WebhookDelivery> _deliveries = new();

    /// <summary>Posts the event if the instance has a webhook that wants it; null when nothing was posted.</summary>
    public async Task<WebhookDelivery?> PostAsync(SimInstance instance, string dottedEvent, object data, string serverUrl)
    {
        var config = registry.WebhookFor(instance);
        if (config is null || !config.Wants(dottedEvent))
        {
            return null;
        }

        var url = config.UrlFor(dottedEvent);
        var envelope = new Dictionary<string, object?>
        {
            ["event"] = dottedEvent,
            ["instance"] = instance.Name,
            ["data"] = data,
            ["destination"] = url,
            ["date_time"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["sender"] = instance.Wuid,
            ["server_url"] = serverUrl,
            ["apikey"] = null,
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(envelope, json.Value.SerializerOptions);

        var first = await AttemptAsync(dottedEvent, instance.Name, url, config.Headers, payload, attempt: 1);
        if (ShouldRetry(first))
        {
            _ = RetryAsync(dottedEvent, instance.Name, url, config.Headers, payload);
        }
        return first;
    }

    /// <summary>For events raised inside a request that must not wait for the receiver.</summary>
    public void Publish(SimInstance instance, string dottedEvent, object data, string serverUrl)
    {
        if (registry.WebhookFor(instance)?.Wants(dottedEvent) == true)
        {
            _ = PostAsync(instance, dottedEvent, data, serverUrl);
        }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (_gate)
        {
            return [.. _deliveries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    private async Task RetryAsync(string dottedEvent, string instance, string url, IReadOnlyDictionary<string, string> headers, byte[] payload)
    {
        var delay = options.Value.WebhookFirstRetryDelay;
        for (var attempt = 2; attempt <= options.Value.WebhookMaxRetries + 1; attempt++)
        {
            try
            {
                await Task.Delay(delay, time, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var delivery = await AttemptAsync(dottedEvent, instance, url, headers, payload, attempt);
            if (!ShouldRetry(delivery))
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    private async Task<WebhookDelivery> AttemptAsync(
        string dottedEvent, string instance, string url, IReadOnlyDictionary<string, string> headers, byte[] payload, int attempt)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, lifetime.ApplicationStopping);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            error = ex.Message;
            logger.LogWarning("Webhook {Event} for {Instancia} to {Url} failed on attempt {Attempt}: {Error}",
                dottedEvent, instance, url, attempt, ex.Message);
        }

        var delivery = new WebhookDelivery(dottedEvent, instance, url, attempt, status, error, time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            _deliveries.AddLast(delivery);
            if (_deliveries.Count > KeptDeliveries)
            {
                _deliveries.RemoveFirst();
            }
        }
        return delivery;
    }

    private static bool ShouldRetry(WebhookDelivery delivery) =>
        delivery.StatusCode is not { } status || (status >= 300 && !FinalStatuses.Contains(status));
}

/// <summary>One webhook attempt, as listed by <c>GET /_sim/webhooks</c>.</summary>
public sealed record WebhookDelivery(
    string Event, string Instance, string Url, int Attempt, int? StatusCode, string? Error, DateTime At);

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using EnvioMassa.EvolutionSimulator.State;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// Emits an event the way Evolution's WebhookController does: one envelope, one date_time and one JWT per event,
/// posted first to the instance's webhook with all its retries and only then to the global webhook with its own.
/// The first attempt can be awaited, so control routes can answer with it.
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
    public const string InstanceTarget = "instance";
    public const string GlobalTarget = "global";

    private const int KeptDeliveries = 10_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<WebhookDelivery> _deliveries = new();
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Posts the event to every webhook that wants it; null when nothing was posted.</summary>
    public async Task<WebhookDelivery?> PostAsync(SimInstance instance, string dottedEvent, object data, string serverUrl)
    {
        var own = registry.WebhookFor(instance);
        var global = registry.GlobalWebhook;
        var wantedByOwn = own is not null && own.Wants(dottedEvent) && WebhookConfig.IsPostable(own.Url);
        var globalUrl = global.UrlFor(dottedEvent);
        var wantedByGlobal = global.Wants(dottedEvent) && WebhookConfig.IsPostable(globalUrl);
        if (!wantedByOwn && !wantedByGlobal)
        {
            return null;
        }

        var now = time.GetUtcNow();
        // The instance's headers are prepared even when only the global webhook takes the event: Evolution signs
        // first, so an empty jwt_key (jsonwebtoken: "secretOrPrivateKey must have a value") loses the event everywhere.
        var headers = own is null ? new Dictionary<string, string>() : Prepare(own.Headers, now);
        if (headers is null)
        {
            logger.LogWarning("Webhook {Event} of {Instancia} dropped: its webhook's jwt_key is empty, and Evolution cannot sign with it",
                dottedEvent, instance.Name);
            return null;
        }

        var targets = new List<Target>(2);
        if (wantedByOwn)
        {
            targets.Add(new Target(InstanceTarget, own!.UrlFor(dottedEvent), headers));
        }
        if (wantedByGlobal)
        {
            targets.Add(new Target(GlobalTarget, globalUrl, new Dictionary<string, string>()));
        }

        var envelope = new Dictionary<string, object?>
        {
            ["event"] = dottedEvent,
            ["instance"] = instance.Name,
            ["data"] = data,
            // The instance's URL as configured, never suffixed; without one, the global URL suffixed even when
            // the global webhook is not by events. The global delivery carries the same value.
            ["destination"] = string.IsNullOrEmpty(own?.Url) ? global.Url + "/" + WebhookEvents.Dashed(dottedEvent) : own.Url,
            ["date_time"] = EvolutionDateTime(now),
        };
        if (instance.WuidKnown)
        {
            envelope["sender"] = instance.Wuid;
        }
        envelope["server_url"] = serverUrl;
        envelope["apikey"] = null;
        var payload = JsonSerializer.SerializeToUtf8Bytes(envelope, json.Value.SerializerOptions);

        var first = new TaskCompletionSource<WebhookDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = DeliverAsync(dottedEvent, instance.Name, targets, payload, first);
        return await first.Task;
    }

    /// <summary>For events raised inside a request that must not wait for the receiver.</summary>
    public void Publish(SimInstance instance, string dottedEvent, object data, string serverUrl) =>
        _ = PostAsync(instance, dottedEvent, data, serverUrl);

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

    /// <summary>
    /// Evolution's <c>new Date(Date.now() - tzOffset).toISOString()</c>: the server's wall-clock time, written
    /// as if it were UTC.
    /// </summary>
    private string EvolutionDateTime(DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(now, _zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The headers as configured, but <c>jwt_key</c> turned into a Bearer token; null when it cannot be.</summary>
    private static Dictionary<string, string>? Prepare(IReadOnlyDictionary<string, string> configured, DateTimeOffset now)
    {
        var headers = new Dictionary<string, string>(configured, StringComparer.Ordinal);
        if (!headers.Remove(WebhookJwt.HeaderName, out var key))
        {
            return headers;
        }
        if (key.Length == 0)
        {
            return null;
        }
        headers["Authorization"] = "Bearer " + WebhookJwt.Create(key, now);
        return headers;
    }

    private async Task DeliverAsync(string dottedEvent, string instance, List<Target> targets, byte[] payload, TaskCompletionSource<WebhookDelivery> first)
    {
        var retry = options.Value.WebhookRetry;
        try
        {
            // Evolution awaits the instance webhook's retries before it tries the global webhook.
            foreach (var target in targets)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var (status, error) = await AttemptAsync(target, payload);
                    var wait = ShouldRetry(status, retry) && attempt < retry.MaxAttempts
                        ? retry.DelayAfter(attempt, Random.Shared.NextDouble())
                        : (TimeSpan?)null;
                    var delivery = Record(new WebhookDelivery(dottedEvent, instance, target.Kind, target.Url, attempt, status, error,
                        time.GetUtcNow().UtcDateTime, wait?.TotalSeconds));
                    first.TrySetResult(delivery);
                    LogAttempt(delivery, retry.MaxAttempts);
                    if (wait is not { } delay)
                    {
                        break;
                    }
                    await Task.Delay(delay, time, lifetime.ApplicationStopping);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopping: the retries still owed die with the process, as Evolution's in-memory timers do.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Webhook {Event} of {Instancia} stopped unexpectedly", dottedEvent, instance);
            first.TrySetException(ex);
        }
    }

    private async Task<(int? Status, string? Error)> AttemptAsync(Target target, byte[] payload)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in target.Headers)
            {
                // Verbatim, content headers (Content-Type) included: axios lets configured headers replace its own.
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, lifetime.ApplicationStopping);
            return ((int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            // A timeout (WebhookRequestTimeoutMs) lands here too and, like axios' ECONNABORTED, is retried.
            return (null, ex.Message);
        }
    }

    private static bool ShouldRetry(int? status, WebhookRetryOptions retry) =>
        status is not { } code || ((code is < 200 or >= 300) && !retry.FinalStatusCodes.Contains(code));

    private WebhookDelivery Record(WebhookDelivery delivery)
    {
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

    private void LogAttempt(WebhookDelivery delivery, int maxAttempts)
    {
        var failed = delivery.StatusCode is not (>= 200 and < 300);
        if (!failed && delivery.Attempt == 1)
        {
            return;
        }
        var url = WebhookUrl.ForLog(delivery.Url);
        if (!failed)
        {
            logger.LogInformation("Webhook {Event} of {Instancia} reached the {Target} webhook {Url} on attempt {Attempt}",
                delivery.Event, delivery.Instance, delivery.Target, url, delivery.Attempt);
            return;
        }
        var failure = delivery.StatusCode is { } status ? $"HTTP {status}" : delivery.Error;
        if (delivery.RetryInSeconds is { } retryIn)
        {
            logger.LogWarning("Webhook {Event} of {Instancia} to the {Target} webhook {Url} failed on attempt {Attempt} of {MaxAttempts} " +
                "({Failure}); next attempt in {RetryInSeconds:0.###} s",
                delivery.Event, delivery.Instance, delivery.Target, url, delivery.Attempt, maxAttempts, failure, retryIn);
        }
        else
        {
            logger.LogWarning("Webhook {Event} of {Instancia} to the {Target} webhook {Url} failed on attempt {Attempt} of {MaxAttempts} " +
                "({Failure}); given up, the event is lost for that webhook",
                delivery.Event, delivery.Instance, delivery.Target, url, delivery.Attempt, maxAttempts, failure);
        }
    }

    private sealed record Target(string Kind, string Url, IReadOnlyDictionary<string, string> Headers);
}

/// <summary>
/// One webhook attempt, as listed by <c>GET /_sim/webhooks</c>. <see cref="Target"/> is <c>instance</c> or
/// <c>global</c>; <see cref="RetryInSeconds"/> is the wait before the next attempt, null when there will be none.
/// </summary>
public sealed record WebhookDelivery(
    string Event, string Instance, string Target, string Url, int Attempt, int? StatusCode, string? Error, DateTime At, double? RetryInSeconds);

using System.Text.Json;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary><c>POST /webhook/set/{instance}</c>.</summary>
public static class WebhookRoutes
{
    private static readonly BodySchema Schema = new(new SchemaField("webhook", "object", Required: true));

    private static readonly BodySchema WebhookSchema = new(
        new SchemaField("enabled", "boolean", Required: true),
        new SchemaField("url", "string", Required: true),
        new SchemaField("headers", "object"),
        new SchemaField("byEvents", "boolean"),
        new SchemaField("base64", "boolean"),
        new SchemaField("events", "array"));

    public static async Task<IResult> Set(HttpContext http, TimeProvider time)
    {
        var call = EvolutionCall.From(http);
        var body = await BodySchema.ReadAsync(http.Request);
        var errors = Schema.Validate(body);
        if (errors.Count == 0)
        {
            errors = WebhookSchema.Validate(body.GetProperty("webhook"), "webhook.");
        }
        if (errors.Count == 0)
        {
            errors = ValidateEvents(body.GetProperty("webhook"));
        }
        if (errors.Count > 0)
        {
            return call.Invalid(errors);
        }

        var webhook = body.GetProperty("webhook");
        var enabled = webhook.GetProperty("enabled").GetBoolean();
        var hasEvents = webhook.TryGetProperty("events", out var events);
        if (enabled && !hasEvents)
        {
            // Evolution 2.3.6 reads events.length of an enabled webhook without checking it is there.
            return call.Error(StatusCodes.Status500InternalServerError,
                "Cannot read properties of undefined (reading 'length')", RequestOutcome.Error5xx);
        }

        // Evolution stores no events for a disabled webhook, and every event for an enabled one with an empty list.
        List<string> subscribed = enabled ? [.. events.EnumerateArray().Select(e => e.GetString()!)] : [];
        if (enabled && subscribed.Count == 0)
        {
            subscribed = [.. WebhookEvents.All];
        }
        var config = new WebhookConfig(
            Enabled: enabled,
            Url: webhook.GetProperty("url").GetString()!,
            Headers: webhook.TryGetProperty("headers", out var headers)
                ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.ToString())
                : new Dictionary<string, string>(),
            ByEvents: Flag(webhook, "byEvents"),
            Base64: Flag(webhook, "base64"),
            Events: subscribed);
        call.Instance.Webhook = config;
        call.Describe(number: null, text: config.Url);

        var now = time.GetUtcNow().UtcDateTime;
        return call.Ok(new
        {
            id = "wh" + call.Instance.InstanceId.Replace("-", "", StringComparison.Ordinal)[..20],
            url = config.Url,
            headers = config.Headers,
            enabled = config.Enabled,
            events = config.Events,
            webhookByEvents = config.ByEvents,
            webhookBase64 = config.Base64,
            createdAt = now,
            updatedAt = now,
            instanceId = call.Instance.InstanceId,
        }, StatusCodes.Status201Created);
    }

    /// <summary>Each event must be one of Evolution's names, spelled exactly: the schema's enum is case-sensitive.</summary>
    private static List<string> ValidateEvents(JsonElement webhook)
    {
        var errors = new List<string>();
        if (!webhook.TryGetProperty("events", out var events))
        {
            return errors;
        }
        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"webhook.events[{index}] is not of a type(s) string");
            }
            else if (!WebhookEvents.All.Contains(item.GetString(), StringComparer.Ordinal))
            {
                errors.Add($"webhook.events[{index}] is not one of enum values: {string.Join(",", WebhookEvents.All)}");
            }
            index++;
        }
        return errors;
    }

    private static bool Flag(JsonElement webhook, string name) =>
        webhook.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}

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
        if (errors.Count > 0)
        {
            return call.Invalid(errors);
        }

        var webhook = body.GetProperty("webhook");
        if (!webhook.TryGetProperty("events", out var events))
        {
            // Evolution 2.3.6 reads events.length without checking it is there.
            return call.Error(StatusCodes.Status500InternalServerError,
                "Cannot read properties of undefined (reading 'length')", RequestOutcome.Error5xx);
        }

        var config = new WebhookConfig(
            Enabled: webhook.GetProperty("enabled").GetBoolean(),
            Url: webhook.GetProperty("url").GetString()!,
            Headers: webhook.TryGetProperty("headers", out var headers)
                ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.ToString())
                : new Dictionary<string, string>(),
            ByEvents: Flag(webhook, "byEvents"),
            Base64: Flag(webhook, "base64"),
            Events: events.EnumerateArray().Select(e => e.ToString().ToUpperInvariant()).ToList());
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

    private static bool Flag(JsonElement webhook, string name) =>
        webhook.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}

using System.Globalization;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.Routes;
using EnvioMassa.EvolutionSimulator.State;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.EvolutionSimulator.Control;

/// <summary>The simulator's own routes under <c>/_sim</c>, for tests, benchmarks and people. No authentication.</summary>
public static class ControlRoutes
{
    private static readonly string[] DeliveryStatuses = ["PENDING", "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED", "ERROR", "DELETED"];

    public static IEndpointRouteBuilder MapControlRoutes(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/reset", Reset);
        sim.MapGet("/config", (FaultInjector faults) => faults.Settings);
        sim.MapPut("/config", PutConfig);
        sim.MapGet("/instances", (InstanceRegistry registry) => registry.All.Select(i => View(registry, i)));
        sim.MapPut("/instances/{name}", PutInstance);
        sim.MapPut("/instances/{name}/state", PutState);
        sim.MapDelete("/instances/{name}", (string name, InstanceRegistry registry) =>
            registry.Remove(name) ? Results.NoContent() : Results.Problem($"Instance \"{name}\" does not exist", statusCode: StatusCodes.Status404NotFound));
        sim.MapPut("/numbers/missing", (MissingNumbers body, InstanceRegistry registry) =>
        {
            registry.SetMissing(body.Numbers);
            return Results.Ok(new { missing = body.Numbers.Select(Jid.Normalise) });
        });
        sim.MapGet("/faults", (FaultInjector faults) => faults.Scripted());
        sim.MapPost("/faults", PostFault);
        sim.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.ClearScripted();
            return Results.NoContent();
        });
        sim.MapGet("/requests", GetRequests);
        sim.MapGet("/stats", (RequestLog log) => log.Stats());
        sim.MapPut("/webhook-target", PutWebhookTarget);
        sim.MapGet("/global-webhook", (InstanceRegistry registry) => GlobalView(registry.GlobalWebhook));
        sim.MapPut("/global-webhook", PutGlobalWebhook);
        sim.MapGet("/webhooks", (WebhookDispatcher webhooks) => webhooks.Deliveries());
        sim.MapPost("/webhooks/messages-update", PostMessagesUpdate);
        sim.MapPost("/webhooks/messages-upsert", PostMessagesUpsert);
        return app;
    }

    private static IResult Reset(InstanceRegistry registry, FaultInjector faults, RequestLog log, WebhookDispatcher webhooks)
    {
        registry.Reset();
        faults.Reset();
        log.Clear();
        webhooks.Clear();
        return Results.NoContent();
    }

    private static IResult PutConfig(FaultSettings settings, FaultInjector faults)
    {
        if (settings.Validate() is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        faults.Configure(settings);
        return Results.Ok(faults.Settings);
    }

    private static IResult PutInstance(string name, InstanceUpsert body, InstanceRegistry registry, ILogger<InstanceRegistry> logger)
    {
        if (body.State is not null && !InstanceState.IsValid(body.State))
        {
            return BadState(body.State);
        }
        var instance = registry.Upsert(name, body.Token, body.State);
        logger.LogInformation("Instance {Instancia} is now {State}", name, instance.State);
        return Results.Ok(View(registry, instance));
    }

    private static async Task<IResult> PutState(
        string name, StateChange body, HttpContext http, InstanceRegistry registry, WebhookDispatcher webhooks, ILogger<InstanceRegistry> logger)
    {
        if (!InstanceState.IsValid(body.State))
        {
            return BadState(body.State);
        }
        if (registry.Find(name) is not { } instance)
        {
            return Results.Problem($"Instance \"{name}\" does not exist", statusCode: StatusCodes.Status404NotFound);
        }

        instance.State = body.State;
        logger.LogInformation("Instance {Instancia} is now {State}", name, instance.State);
        WebhookDelivery? delivery = null;
        if (body.Webhook)
        {
            var data = WebhookPayloads.ConnectionUpdate(instance, body.State, body.StatusReason ?? WebhookPayloads.DefaultStatusReason(body.State));
            delivery = await webhooks.PostAsync(instance, WebhookEvents.ConnectionUpdate, data, MessageSender.ServerUrl(http));
        }
        return Results.Ok(new { instance = View(registry, instance), webhook = delivery });
    }

    private static IResult PostFault(ScriptedFault fault, FaultInjector faults)
    {
        if (fault.Count < 1)
        {
            return Results.Problem("count must be at least 1", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!FaultInjector.IsKnownRoute(fault.Route))
        {
            return Results.Problem($"route must be one of {FaultInjector.SendText}, {FaultInjector.SendMedia}, " +
                $"{FaultInjector.ConnectionState}, {FaultInjector.WhatsAppNumbers}", statusCode: StatusCodes.Status400BadRequest);
        }
        var isRead = fault.Route is FaultInjector.ConnectionState or FaultInjector.WhatsAppNumbers;
        if (isRead && (!fault.Kind.AppliesTo(fault.Route!) || fault.Number is not null))
        {
            return Results.Problem("connectionState takes only timeout, error_5xx, too_many_requests or connection_closed; " +
                "whatsappNumbers only timeout, too_many_requests, connection_closed, timed_out or internal_error; neither takes a number",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var scripted = faults.Script(fault);
        return Results.Created($"/_sim/faults/{scripted.Id}", scripted);
    }

    /// <summary><c>since</c> is either a sequence number (entries after it) or an ISO-8601 time (arrived at or after it).</summary>
    private static IResult GetRequests(RequestLog log, string? instance, string? since, int? limit)
    {
        long afterSeq = 0;
        DateTime? arrivedSince = null;
        if (!string.IsNullOrEmpty(since) && !long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return Results.Problem("since must be a sequence number or an ISO-8601 time", statusCode: StatusCodes.Status400BadRequest);
            }
            arrivedSince = time.UtcDateTime;
        }
        return Results.Ok(log.Read(string.IsNullOrEmpty(instance) ? null : instance, afterSeq, arrivedSince, limit ?? int.MaxValue));
    }

    private static IResult PutWebhookTarget(WebhookTarget body, InstanceRegistry registry)
    {
        if (body.Url is null)
        {
            registry.DefaultWebhook = null;
            return Results.NoContent();
        }
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out _))
        {
            return Results.Problem("url must be an absolute URL", statusCode: StatusCodes.Status400BadRequest);
        }
        registry.DefaultWebhook = new WebhookConfig(
            Enabled: true,
            Url: body.Url,
            Headers: body.Headers ?? new Dictionary<string, string>(),
            ByEvents: body.ByEvents,
            Base64: false,
            Events: body.Events?.Select(e => e.ToUpperInvariant()).ToList() ?? [.. WebhookEvents.DefaultTargetEvents]);
        return Results.Ok(registry.DefaultWebhook with { Headers = body.Headers?.ToDictionary(h => h.Key, _ => "***") ?? [] });
    }

    private static IResult PutGlobalWebhook(GlobalWebhookSettings body, InstanceRegistry registry)
    {
        if (body.Enabled && !Uri.TryCreate(body.Url, UriKind.Absolute, out _))
        {
            return Results.Problem("an enabled global webhook needs an absolute url", statusCode: StatusCodes.Status400BadRequest);
        }
        registry.GlobalWebhook = WebhookConfig.Global(
            body.Enabled, body.Url ?? "", body.ByEvents, body.Events?.Select(e => e.ToUpperInvariant()).ToList() ?? []);
        return Results.Ok(GlobalView(registry.GlobalWebhook));
    }

    private static async Task<IResult> PostMessagesUpdate(
        MessagesUpdate body, HttpContext http, InstanceRegistry registry, WebhookDispatcher webhooks, TimeProvider time)
    {
        if (!DeliveryStatuses.Contains(body.Status))
        {
            return Results.Problem($"status must be one of {string.Join(", ", DeliveryStatuses)}", statusCode: StatusCodes.Status400BadRequest);
        }
        var sent = registry.FindSent(body.KeyId);
        var instanceName = body.Instance ?? sent?.Instance;
        var remoteJid = body.RemoteJid ?? sent?.RemoteJid;
        if (instanceName is null || remoteJid is null || registry.Find(instanceName) is not { } instance)
        {
            return Results.Problem($"No message with key id \"{body.KeyId}\" was sent; give instance and remoteJid",
                statusCode: StatusCodes.Status404NotFound);
        }
        if (!instance.IsNewStatus(body.KeyId, body.Status, time.GetUtcNow()))
        {
            return Results.Problem($"Evolution ignores {body.Status} for key id \"{body.KeyId}\" again within 30 minutes: nothing was posted",
                statusCode: StatusCodes.Status409Conflict);
        }

        var data = WebhookPayloads.MessagesUpdate(instance, body.KeyId, remoteJid, body.Participant, body.Status);
        var delivery = await webhooks.PostAsync(instance, WebhookEvents.MessagesUpdate, data, MessageSender.ServerUrl(http));
        return delivery is null ? NothingPosted(instance, WebhookEvents.MessagesUpdate) : Results.Ok(delivery);
    }

    private static async Task<IResult> PostMessagesUpsert(
        MessagesUpsert body, HttpContext http, InstanceRegistry registry, WebhookDispatcher webhooks, TimeProvider time)
    {
        if (string.IsNullOrEmpty(body.Instance) || string.IsNullOrWhiteSpace(body.From) || string.IsNullOrEmpty(body.Text))
        {
            return Results.Problem("instance, from and text are required", statusCode: StatusCodes.Status400BadRequest);
        }
        if (registry.Find(body.Instance) is not { } instance)
        {
            return Results.Problem($"Instance \"{body.Instance}\" does not exist", statusCode: StatusCodes.Status404NotFound);
        }
        if (instance.State != InstanceState.Open)
        {
            return Results.Problem($"Instance \"{instance.Name}\" is {instance.State}: nothing can arrive on it",
                statusCode: StatusCodes.Status409Conflict);
        }

        var lid = body.Lid is null || body.Lid.Contains('@', StringComparison.Ordinal) ? body.Lid : body.Lid + "@lid";
        var data = WebhookPayloads.MessagesUpsert(instance, Jid.Normalise(body.From), lid, body.Text, body.PushName, time.GetUtcNow());
        var delivery = await webhooks.PostAsync(instance, WebhookEvents.MessagesUpsert, data, MessageSender.ServerUrl(http));
        return delivery is null ? NothingPosted(instance, WebhookEvents.MessagesUpsert) : Results.Ok(delivery);
    }

    private static IResult NothingPosted(SimInstance instance, string dottedEvent) => Results.Problem(
        $"Nothing was posted: neither a webhook of instance \"{instance.Name}\" nor the global webhook takes {dottedEvent} " +
        "(or the instance's jwt_key is empty, which loses every event)",
        statusCode: StatusCodes.Status409Conflict);

    private static GlobalWebhookSettings GlobalView(WebhookConfig global) => new(global.Enabled, global.Url, global.ByEvents, global.Events);

    private static IResult BadState(string? state) => Results.Problem(
        $"state must be {InstanceState.Open}, {InstanceState.Connecting}, {InstanceState.Close} or {InstanceState.Refused}, not \"{state}\"",
        statusCode: StatusCodes.Status400BadRequest);

    private static InstanceView View(InstanceRegistry registry, SimInstance instance) =>
        new(instance.Name, instance.State, instance.InstanceId, instance.Wuid, instance.Token is not null, registry.WebhookFor(instance)?.Url);
}

using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.State;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary>
/// Evolution's guards, in its order: the instance must exist (404 before the key is even looked at), then the
/// <c>apikey</c> header must hold the global key or that instance's own token (401). Injected latency comes first,
/// as the time the server takes to get to the request.
/// </summary>
public sealed class EvolutionGuardFilter(InstanceRegistry registry, RequestLog log, FaultInjector faults) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;

        // Evolution (Express) has the whole body before its handler runs, and a client that leaves afterwards does not
        // stop the send: read it now, so the send below happens even if the client is gone by then.
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        body.Position = 0;
        http.Request.Body = body;

        var latency = faults.Latency();
        if (latency > TimeSpan.Zero)
        {
            // Not cancelled by the client leaving: Evolution carries on with a request whose client has gone.
            await Task.Delay(latency);
        }

        var name = http.GetRouteValue("instance") as string ?? "";
        var entry = RequestLogMiddleware.EntryOf(http) ?? log.Begin(http.Request.Path, name);

        var instance = registry.Find(name);
        if (instance is null)
        {
            log.SetOutcome(entry, RequestOutcome.NotFound);
            return EvolutionCall.Envelope(StatusCodes.Status404NotFound, new[] { $"The \"{name}\" instance does not exist" });
        }

        if (!IsAuthorised(http.Request.Headers["apikey"].ToString(), instance))
        {
            log.SetOutcome(entry, RequestOutcome.Unauthorized);
            return EvolutionCall.Envelope(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        new EvolutionCall(http, log, entry, instance).Attach();
        return await next(context);
    }

    private bool IsAuthorised(string key, SimInstance instance) =>
        key.Length > 0 && (key == registry.GlobalApiKey || key == instance.Token);
}

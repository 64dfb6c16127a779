namespace EnvioMassa.EvolutionSimulator.Recording;

/// <summary>
/// First in the pipeline: records every request except the control API the moment it arrives, and closes the
/// record just before the response headers go out, so a client that has its answer also finds it in the log.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log)
{
    private const string EntryKey = "EnvioMassa.Simulator.RequestEntry";

    public static RequestEntry? EntryOf(HttpContext context) =>
        context.Items.TryGetValue(EntryKey, out var entry) ? entry as RequestEntry : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_sim", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var (route, instance) = Split(path.Value ?? "/");
        var entry = log.Begin(route, instance);
        context.Items[EntryKey] = entry;
        context.Response.OnStarting(() =>
        {
            log.Complete(entry, context.Response.StatusCode);
            return Task.CompletedTask;
        });

        await next(context);

        if (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            // The client left before anything was written: nothing will ever be sent.
            log.Complete(entry, statusCode: null);
        }
    }

    // Evolution paths are /<group>/<action>/<instance>.
    private static (string Route, string? Instance) Split(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 3
            ? ($"/{segments[0]}/{segments[1]}", Uri.UnescapeDataString(segments[2]))
            : (path, null);
    }
}

using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.State;
using Microsoft.AspNetCore.WebUtilities;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary>
/// One Evolution request that passed the guards: its instance, its log entry, and the answers Evolution gives,
/// each recorded with its outcome.
/// </summary>
public sealed class EvolutionCall(HttpContext http, RequestLog log, RequestEntry entry, SimInstance instance)
{
    private const string ItemKey = "EnvioMassa.Simulator.EvolutionCall";

    public HttpContext Http { get; } = http;

    public SimInstance Instance { get; } = instance;

    public static EvolutionCall From(HttpContext http) =>
        http.Items[ItemKey] as EvolutionCall ?? throw new InvalidOperationException("The Evolution guard did not run.");

    internal void Attach() => Http.Items[ItemKey] = this;

    public void Describe(string? number, string? text) => log.Describe(entry, number, text);

    public IResult Ok(object body, int status = StatusCodes.Status200OK)
    {
        log.SetOutcome(entry, RequestOutcome.Accepted);
        return Results.Json(body, statusCode: status);
    }

    public IResult Accepted(object body, string messageId)
    {
        log.SetOutcome(entry, RequestOutcome.Accepted, messageId);
        return Results.Json(body, statusCode: StatusCodes.Status201Created);
    }

    public IResult Error(int status, object message, string outcome)
    {
        log.SetOutcome(entry, outcome);
        return Envelope(status, message);
    }

    /// <summary>A schema failure: the errors go in an array inside the message array.</summary>
    public IResult Invalid(IReadOnlyList<string> errors) =>
        Error(StatusCodes.Status400BadRequest, new object[] { errors }, RequestOutcome.BadRequest);

    public IResult NotOnWhatsApp(string jid, string number) =>
        Error(StatusCodes.Status400BadRequest, new object[] { new { jid, exists = false, number } }, RequestOutcome.ExistsFalse);

    public IResult ConnectionClosed(bool numberWasCached) => numberWasCached
        ? Error(StatusCodes.Status400BadRequest, new[] { "Error: Connection Closed" }, RequestOutcome.ConnectionClosed)
        : Error(StatusCodes.Status500InternalServerError, "Connection Closed", RequestOutcome.ConnectionClosed);

    public async Task<IResult> FaultAsync(FaultKind kind, TimeSpan timeoutHold, string? jid = null, string? number = null)
    {
        switch (kind)
        {
            case FaultKind.Timeout:
                return await HangAsync(timeoutHold);
            case FaultKind.ExistsFalse:
                return NotOnWhatsApp(jid ?? "", number ?? "");
            case FaultKind.ConnectionClosed:
                return ConnectionClosed(numberWasCached: false);
            case FaultKind.ConnectionClosedCached:
                return ConnectionClosed(numberWasCached: true);
            case FaultKind.TimedOut:
                return Error(StatusCodes.Status400BadRequest, new[] { "Error: Timed Out" }, RequestOutcome.TimedOut);
            case FaultKind.TooManyRequests:
                Http.Response.Headers.RetryAfter = "1";
                return Error(StatusCodes.Status429TooManyRequests, "Too Many Requests", RequestOutcome.TooManyRequests);
            default:
                return Error(StatusCodes.Status500InternalServerError, "Simulated failure: socket hang up", RequestOutcome.Error5xx);
        }
    }

    public static IResult Envelope(int status, object message) => Results.Json(
        new { status, error = ReasonPhrases.GetReasonPhrase(status), response = new { message } },
        statusCode: status);

    // A client-side timeout as seen from the server: hold the request, send nothing, then drop the connection.
    private async Task<IResult> HangAsync(TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, Http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, which is the point.
        }
        log.Complete(entry, statusCode: null, RequestOutcome.Timeout);
        Http.Abort();
        return Results.Empty;
    }
}

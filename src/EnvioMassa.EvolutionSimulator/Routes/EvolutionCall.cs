using System.Buffers.Text;
using System.Security.Cryptography;
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

    public void Describe(string? number, string? text, string? media = null, long? delayMs = null) =>
        log.Describe(entry, number, text, media, delayMs);

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
            case FaultKind.CloudRefused:
                return CloudRefused(131030, "Recipient phone number not in allowed list");
            case FaultKind.CloudNumberDeleted:
                return CloudRefused(33, "Parameter value is not valid", "The business phone number has been deleted.");
            case FaultKind.InternalError:
                return Error(StatusCodes.Status400BadRequest, new[] { "TypeError: Cannot read properties of undefined (reading 'id')" },
                    RequestOutcome.InternalError);
            default:
                return Error(StatusCodes.Status500InternalServerError, "Simulated failure: socket hang up", RequestOutcome.Error5xx);
        }
    }

    /// <summary>A route that catches its errors itself and answers 400 with the error serialised as it is, no envelope.</summary>
    public IResult RawError(object body, string outcome)
    {
        log.SetOutcome(entry, outcome);
        return Results.Json(body, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>A @hapi/boom error (what Baileys throws) through JSON.stringify: message and stack are not enumerable.</summary>
    public static object Boom(int statusCode, string message, object? data) => new
    {
        data,
        isBoom = true,
        isServer = statusCode >= 500,
        output = new
        {
            statusCode,
            payload = new { statusCode, error = ReasonPhrases.GetReasonPhrase(statusCode), message },
            headers = new { },
        },
    };

    public static IResult Envelope(int status, object message) => Results.Json(
        new { status, error = ReasonPhrases.GetReasonPhrase(status), response = new { message } },
        statusCode: status);

    // WhatsApp Cloud's refusal as Evolution's business service returns it: the Graph answer's `error` object itself,
    // under the 201 the router gives every send.
    private IResult CloudRefused(int code, string title, string? details = null)
    {
        log.SetOutcome(entry, RequestOutcome.CloudRefused);
        var body = new Dictionary<string, object>
        {
            ["message"] = $"(#{code}) {title}",
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_data"] = new Dictionary<string, string>
            {
                ["messaging_product"] = "whatsapp",
                ["details"] = details ?? title,
            },
            ["fbtrace_id"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(17)),
        };
        return Results.Json(body, statusCode: StatusCodes.Status201Created);
    }

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

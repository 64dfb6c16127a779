using System.Text.Json;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.State;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary><c>GET /instance/connectionState/{instance}</c> and <c>POST /chat/whatsappNumbers/{instance}</c>.</summary>
public static class QueryRoutes
{
    // The items' description in Evolution's whatsappNumberSchema, which the validator reports instead of its own text.
    private const string NotAString = "\"numbers\" must be an array of numeric strings";

    // What Baileys' promiseTimeout puts in the Boom's data; the frames vary with the build.
    private const string TimedOutStack =
        "Error\n    at promiseTimeout (/evolution/node_modules/baileys/lib/Utils/generics.js:146:19)\n" +
        "    at waitForMessage (/evolution/node_modules/baileys/lib/Socket/socket.js:134:53)";

    public static async Task<IResult> ConnectionState(HttpContext http, FaultInjector faults)
    {
        var call = EvolutionCall.From(http);
        if (faults.Next(FaultInjector.ConnectionState, call.Instance.Name, jid: null) is { } fault)
        {
            return await call.FaultAsync(fault, faults.TimeoutHold);
        }
        var state = InstanceState.Reported(call.Instance.State);
        return call.Ok(new { instance = new { instanceName = call.Instance.Name, state } });
    }

    /// <summary>
    /// Evolution's chat router wraps this route in its own try/catch and answers every error, the schema's
    /// included, 400 with the error object as it is: no <c>response</c> envelope.
    /// </summary>
    public static async Task<IResult> WhatsAppNumbers(HttpContext http, FaultInjector faults, InstanceRegistry registry)
    {
        var call = EvolutionCall.From(http);
        var body = await BodySchema.ReadAsync(http.Request);
        var errors = ValidateNumbers(body);
        if (errors.Count > 0)
        {
            return call.RawError(new { status = 400, error = "Bad Request", message = new object[] { errors } }, RequestOutcome.BadRequest);
        }
        if (!body.TryGetProperty("numbers", out var numbersField))
        {
            // The schema does not require numbers: data.numbers.forEach throws a TypeError, which serialises as {}.
            return call.RawError(new { }, RequestOutcome.BadRequest);
        }

        var numbers = numbersField.EnumerateArray().Select(n => n.GetString()!).ToList();
        call.Describe(string.Join(",", numbers), text: null);
        if (faults.Next(FaultInjector.WhatsAppNumbers, call.Instance.Name, jid: null) is { } fault)
        {
            return fault switch
            {
                FaultKind.ConnectionClosed => ConnectionClosed(call),
                FaultKind.TimedOut => call.RawError(EvolutionCall.Boom(408, "Timed Out", new { stack = TimedOutStack }), RequestOutcome.TimedOut),
                FaultKind.InternalError => call.RawError(new { }, RequestOutcome.InternalError),
                _ => await call.FaultAsync(fault, faults.TimeoutHold),
            };
        }
        if (call.Instance.State != InstanceState.Open)
        {
            return ConnectionClosed(call);
        }

        var answer = numbers.Select(number =>
        {
            var jid = Jid.Normalise(number);
            call.Instance.MarkChecked(jid);
            return new { jid, exists = !registry.IsMissing(jid), number };
        }).ToList();
        return call.Ok(answer);
    }

    // Baileys' socket refuses to query: Boom 428 (DisconnectReason.connectionClosed).
    private static IResult ConnectionClosed(EvolutionCall call) =>
        call.RawError(EvolutionCall.Boom(428, "Connection Closed", data: null), RequestOutcome.ConnectionClosed);

    /// <summary>whatsappNumberSchema: numbers (not required) is an array, minItems 1, uniqueItems, of strings.</summary>
    private static List<string> ValidateNumbers(JsonElement body)
    {
        var errors = new BodySchema(new SchemaField("numbers", "array")).Validate(body);
        if (errors.Count > 0 || !body.TryGetProperty("numbers", out var numbers))
        {
            return errors;
        }
        var items = numbers.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            errors.Add("numbers does not meet minimum length of 1");
        }
        if (items.Select(i => i.GetRawText()).Distinct(StringComparer.Ordinal).Count() < items.Count)
        {
            errors.Add("numbers contains duplicate item");
        }
        errors.AddRange(items.Where(i => i.ValueKind != JsonValueKind.String).Select(_ => NotAString));
        return errors;
    }
}

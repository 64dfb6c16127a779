using System.Text.Json;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;
using EnvioMassa.EvolutionSimulator.State;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary><c>GET /instance/connectionState/{instance}</c> and <c>POST /chat/whatsappNumbers/{instance}</c>.</summary>
public static class QueryRoutes
{
    public static async Task<IResult> ConnectionState(HttpContext http, FaultInjector faults)
    {
        var call = EvolutionCall.From(http);
        if (faults.Next(FaultInjector.ConnectionState, call.Instance.Name, jid: null) is { } fault)
        {
            return await call.FaultAsync(fault, faults.TimeoutHold);
        }
        return call.Ok(new { instance = new { instanceName = call.Instance.Name, state = call.Instance.State } });
    }

    public static async Task<IResult> WhatsAppNumbers(HttpContext http, FaultInjector faults, InstanceRegistry registry)
    {
        var call = EvolutionCall.From(http);
        var body = await BodySchema.ReadAsync(http.Request);
        var errors = ValidateNumbers(body);
        if (errors.Count > 0)
        {
            return call.Invalid(errors);
        }

        var numbers = body.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()!).ToList();
        call.Describe(string.Join(",", numbers), text: null);
        if (faults.Next(FaultInjector.WhatsAppNumbers, call.Instance.Name, jid: null) is { } fault)
        {
            return await call.FaultAsync(fault, faults.TimeoutHold);
        }
        if (call.Instance.State != InstanceState.Open)
        {
            return call.ConnectionClosed(numberWasCached: false);
        }

        var answer = numbers.Select(number =>
        {
            var jid = Jid.Normalise(number);
            call.Instance.MarkChecked(jid);
            return new { jid, exists = !registry.IsMissing(jid), number };
        }).ToList();
        return call.Ok(answer);
    }

    private static List<string> ValidateNumbers(JsonElement body)
    {
        var errors = new BodySchema(new SchemaField("numbers", "array", Required: true)).Validate(body);
        if (errors.Count > 0)
        {
            return errors;
        }
        var numbers = body.GetProperty("numbers");
        if (numbers.GetArrayLength() == 0)
        {
            errors.Add("numbers does not meet minimum length of 1");
        }
        var index = 0;
        foreach (var item in numbers.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"numbers[{index}] is not of a type(s) string");
            }
            index++;
        }
        return errors;
    }
}

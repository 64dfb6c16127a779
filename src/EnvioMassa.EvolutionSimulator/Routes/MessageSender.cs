using System.Security.Cryptography;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.State;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary>
/// What Evolution does once a send request is valid: look the number up (cached per instance), find the
/// connection closed or the number missing, honour <c>delay</c> inside the request, then answer 201 PENDING.
/// </summary>
public sealed class MessageSender(InstanceRegistry registry, FaultInjector faults, WebhookDispatcher webhooks, TimeProvider time)
{
    public async Task<IResult> SendAsync(EvolutionCall call, string route, string number, TimeSpan delay, SentContent content)
    {
        var instance = call.Instance;
        var jid = Jid.Normalise(number);
        if (faults.Next(route, instance.Name, jid) is { } fault)
        {
            return await call.FaultAsync(fault, faults.TimeoutHold, jid, number);
        }

        var cached = instance.HasChecked(jid);
        if (!cached && instance.State != InstanceState.Open)
        {
            return call.ConnectionClosed(numberWasCached: false);
        }
        instance.MarkChecked(jid);
        if (registry.IsMissing(jid))
        {
            return call.NotOnWhatsApp(jid, number);
        }
        if (instance.State != InstanceState.Open)
        {
            return call.ConnectionClosed(numberWasCached: true);
        }

        if (delay > TimeSpan.Zero)
        {
            // "typing…" for that long, and then the message goes even if the client has stopped waiting.
            await Task.Delay(delay, time);
        }

        var keyId = "3EB0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));
        var answer = new
        {
            key = new { remoteJid = jid, fromMe = true, id = keyId },
            pushName = "Você",
            status = "PENDING",
            message = content.Message,
            messageType = content.MessageType,
            messageTimestamp = time.GetUtcNow().ToUnixTimeSeconds(),
            instanceId = instance.InstanceId,
            source = "web",
        };
        registry.RecordSent(new SentMessage(keyId, instance.Name, jid));
        webhooks.Publish(instance, WebhookEvents.SendMessage, answer, ServerUrl(call.Http));
        return call.Accepted(answer, keyId);
    }

    public static string ServerUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}

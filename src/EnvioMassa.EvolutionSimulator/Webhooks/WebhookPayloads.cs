using System.Security.Cryptography;
using System.Text;
using EnvioMassa.EvolutionSimulator.State;

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// The <c>data</c> of the events the control API raises, built as whatsapp.baileys.service.ts of Evolution 2.3.6
/// builds them. Keys whose value Evolution leaves undefined are left out, as JSON.stringify leaves them out.
/// </summary>
public static class WebhookPayloads
{
    public static int DefaultStatusReason(string state) => state switch
    {
        // Evolution sends close only for codes it will not reconnect after (401, 403, 402, 406).
        InstanceState.Close => 401,
        // DisconnectReason.connectionClosed.
        InstanceState.Refused => 428,
        _ => 200,
    };

    public static Dictionary<string, object?> ConnectionUpdate(SimInstance instance, string state, int statusReason)
    {
        var data = new Dictionary<string, object?> { ["instance"] = instance.Name };
        if (state == InstanceState.Open)
        {
            data["wuid"] = instance.Wuid;
            // The simulator names the WhatsApp profile after the instance and gives it no picture (Evolution: null).
            data["profileName"] = instance.Name;
            data["profilePictureUrl"] = null;
        }
        data["state"] = state;
        data["statusReason"] = statusReason;
        if (state == InstanceState.Refused && instance.WuidKnown)
        {
            // Remembered from the last open; profileName is read from a session the failed pairing never filled.
            data["wuid"] = instance.Wuid;
            data["profilePictureUrl"] = null;
        }
        return data;
    }

    /// <summary><paramref name="participant"/> is the group member the status is about; 1:1 keys have none.</summary>
    public static Dictionary<string, object?> MessagesUpdate(SimInstance instance, string keyId, string remoteJid, string? participant, string status)
    {
        var data = new Dictionary<string, object?>
        {
            ["keyId"] = keyId,
            ["remoteJid"] = remoteJid,
            ["fromMe"] = true,
        };
        if (participant is not null)
        {
            data["participant"] = participant;
        }
        data["status"] = status;
        data["instanceId"] = instance.InstanceId;
        // Evolution's row id of the original message (its database saves messages in the example .env): the same
        // for every update of one message.
        data["messageId"] = RowId(instance, keyId);
        return data;
    }

    /// <summary>
    /// An incoming text as prepareMessage shapes it: Baileys 7's key (with <c>remoteJidAlt</c> and
    /// <c>addressingMode</c>), status DELIVERY_ACK for anything not from us, extendedTextMessage folded into
    /// conversation, and a phone's 32-character id, which getDevice reads as android.
    /// </summary>
    public static object MessagesUpsert(SimInstance instance, string jid, string? lid, string text, string? pushName, DateTimeOffset now)
    {
        var key = new Dictionary<string, object?>();
        if (lid is null)
        {
            key["remoteJid"] = jid;
        }
        else
        {
            key["remoteJid"] = lid;
            key["remoteJidAlt"] = jid;
        }
        key["fromMe"] = false;
        key["id"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        key["addressingMode"] = lid is null ? "pn" : "lid";

        return new
        {
            key,
            // Without a push name Evolution falls back to the key's participant, which a 1:1 chat has not.
            pushName,
            status = "DELIVERY_ACK",
            message = new { conversation = text },
            messageType = "conversation",
            messageTimestamp = now.ToUnixTimeSeconds(),
            instanceId = instance.InstanceId,
            source = "android",
        };
    }

    private static string RowId(SimInstance instance, string keyId) =>
        "cm" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instance.InstanceId + ":" + keyId)))[..23];
}

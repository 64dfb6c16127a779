using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>One simulated WhatsApp number connected to Evolution.</summary>
public sealed class SimInstance(string name)
{
    private readonly ConcurrentDictionary<string, bool> _checkedJids = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Stable across restarts so that webhook payloads and send answers agree with earlier runs.</summary>
    public string InstanceId { get; } = StableUuid(name);

    public string Wuid { get; } = StableWuid(name);

    public string? Token { get; set; }

    public string State { get; set; } = InstanceState.Open;

    public WebhookConfig? Webhook { get; set; }

    /// <summary>Evolution caches its on-WhatsApp check: a closed connection fails differently for a number it has seen.</summary>
    public bool HasChecked(string jid) => _checkedJids.ContainsKey(jid);

    public void MarkChecked(string jid) => _checkedJids[jid] = true;

    private static string StableUuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("evolution-instance:" + name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static string StableWuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("evolution-wuid:" + name));
        var subscriber = BitConverter.ToUInt32(hash) % 100_000_000;
        return $"55119{subscriber:D8}@s.whatsapp.net";
    }
}

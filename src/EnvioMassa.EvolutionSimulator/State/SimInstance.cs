using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>One simulated WhatsApp number connected to Evolution.</summary>
public sealed class SimInstance
{
    private static readonly TimeSpan StatusMemory = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, bool> _checkedJids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _postedStatuses = new(StringComparer.Ordinal);
    private string _state = InstanceState.Open;

    public SimInstance(string name, string state)
    {
        Name = name;
        InstanceId = StableUuid(name);
        Wuid = StableWuid(name);
        State = state;
    }

    public string Name { get; }

    /// <summary>Stable across restarts so that webhook payloads and send answers agree with earlier runs.</summary>
    public string InstanceId { get; }

    public string Wuid { get; }

    public string? Token { get; set; }

    public string State
    {
        get => _state;
        set
        {
            _state = value;
            WuidKnown |= value == InstanceState.Open;
        }
    }

    /// <summary>
    /// Evolution learns the number's wuid when the connection opens and keeps it for the life of the process;
    /// until then <c>sender</c> and the wuid in <c>connection.update</c> are undefined, which JSON leaves out.
    /// </summary>
    public bool WuidKnown { get; private set; }

    public WebhookConfig? Webhook { get; set; }

    /// <summary>Evolution caches its on-WhatsApp check: a closed connection fails differently for a number it has seen.</summary>
    public bool HasChecked(string jid) => _checkedJids.ContainsKey(jid);

    public void MarkChecked(string jid) => _checkedJids[jid] = true;

    /// <summary>
    /// Evolution remembers each (key id, status) it handled for 30 minutes and drops a repeat without a webhook,
    /// so the same status for the same message is not posted twice from one update stream.
    /// </summary>
    public bool IsNewStatus(string keyId, string status, DateTimeOffset now)
    {
        var key = keyId + "_" + status;
        if (_postedStatuses.TryGetValue(key, out var until) && until > now)
        {
            return false;
        }
        _postedStatuses[key] = now + StatusMemory;
        return true;
    }

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

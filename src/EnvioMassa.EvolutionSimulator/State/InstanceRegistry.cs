using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EnvioMassa.EvolutionSimulator.Webhooks;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>The simulated Evolution server's world: instances, numbers that are not on WhatsApp, messages sent.</summary>
public sealed class InstanceRegistry
{
    private readonly SimulatorOptions _options;
    private readonly ConcurrentDictionary<string, SimInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SentMessage> _sent = new(StringComparer.Ordinal);
    private volatile HashSet<string> _missingJids = new(StringComparer.Ordinal);
    private volatile WebhookConfig? _defaultWebhook;
    private volatile WebhookConfig _globalWebhook;

    public InstanceRegistry(IOptions<SimulatorOptions> options)
    {
        _options = options.Value;
        Reset();
    }

    public string GlobalApiKey => _options.GlobalApiKey;

    public WebhookConfig? DefaultWebhook
    {
        get => _defaultWebhook;
        set => _defaultWebhook = value;
    }

    /// <summary>Evolution's server-wide webhook: no headers, and it fires in addition to an instance's own.</summary>
    public WebhookConfig GlobalWebhook
    {
        get => _globalWebhook;
        set => _globalWebhook = value;
    }

    public SimInstance? Find(string name) => _instances.GetValueOrDefault(name);

    public IEnumerable<SimInstance> All => _instances.Values.OrderBy(i => i.Name, StringComparer.Ordinal);

    public SimInstance Upsert(string name, string? token, string? state)
    {
        var instance = _instances.GetOrAdd(name, n => new SimInstance(n, state ?? InstanceState.Open));
        if (token is not null)
        {
            instance.Token = token.Length == 0 ? null : token;
        }
        if (state is not null)
        {
            instance.State = state;
        }
        return instance;
    }

    /// <summary>As Evolution's <c>DELETE /instance/delete/{instance}</c>: from then on every route answers 404 for it.</summary>
    public bool Remove(string name) => _instances.TryRemove(name, out _);

    /// <summary>
    /// The webhook an instance posts to: its own when set, else the default target, which stands for "every
    /// instance configured with webhook/set" (not for the global webhook).
    /// </summary>
    public WebhookConfig? WebhookFor(SimInstance instance) => instance.Webhook ?? _defaultWebhook;

    public bool IsMissing(string jid) => _missingJids.Contains(jid);

    public void SetMissing(IEnumerable<string> numbers) =>
        _missingJids = new HashSet<string>(numbers.Select(Jid.Normalise), StringComparer.Ordinal);

    public void RecordSent(SentMessage message) => _sent[message.KeyId] = message;

    public SentMessage? FindSent(string keyId) => _sent.GetValueOrDefault(keyId);

    [MemberNotNull(nameof(_globalWebhook))]
    public void Reset()
    {
        _instances.Clear();
        _sent.Clear();
        _missingJids = new HashSet<string>(StringComparer.Ordinal);
        _defaultWebhook = null;
        _globalWebhook = _options.GlobalWebhook.ToConfig();
        foreach (var seed in _options.Instances.Where(s => !string.IsNullOrWhiteSpace(s.Name)))
        {
            Upsert(seed.Name, seed.Token, InstanceState.IsValid(seed.State) ? seed.State : InstanceState.Open);
        }
    }
}

/// <summary>A message the simulator accepted, kept so that status webhooks can be posted for its key id.</summary>
public sealed record SentMessage(string KeyId, string Instance, string RemoteJid);

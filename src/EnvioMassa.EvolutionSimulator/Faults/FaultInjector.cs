using EnvioMassa.EvolutionSimulator.State;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator.Faults;

/// <summary>Decides, per request, whether the simulator misbehaves: scripted faults first, then random rates.</summary>
public sealed class FaultInjector
{
    public const string SendText = "sendText";
    public const string SendMedia = "sendMedia";
    public const string ConnectionState = "connectionState";
    public const string WhatsAppNumbers = "whatsappNumbers";

    private static readonly string[] Routes = [SendText, SendMedia, ConnectionState, WhatsAppNumbers];

    private readonly Lock _gate = new();
    private readonly FaultSettings _startup;
    private readonly List<ScriptedFault> _scripted = [];
    private FaultSettings _settings = new();
    private Random _random = new();
    private long _nextId;

    public FaultInjector(IOptions<SimulatorOptions> options)
    {
        _startup = options.Value.Faults;
        Reset();
    }

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public static bool IsKnownRoute(string? route) => route is null || Routes.Contains(route);

    public void Configure(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = settings.Seed is { } seed ? new Random(seed) : new Random();
        }
    }

    public ScriptedFault Script(ScriptedFault fault)
    {
        lock (_gate)
        {
            fault.Id = ++_nextId;
            _scripted.Add(fault);
            return fault;
        }
    }

    public IReadOnlyList<ScriptedFault> Scripted()
    {
        lock (_gate)
        {
            return [.. _scripted];
        }
    }

    public void ClearScripted()
    {
        lock (_gate)
        {
            _scripted.Clear();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _scripted.Clear();
        }
        Configure(Copy(_startup));
    }

    /// <summary>The fault this request gets, if any. <paramref name="jid"/> is null for routes without a recipient.</summary>
    public FaultKind? Next(string route, string instance, string? jid)
    {
        lock (_gate)
        {
            var scripted = _scripted.FirstOrDefault(f => Matches(f, route, instance, jid));
            if (scripted is not null)
            {
                if (--scripted.Count <= 0)
                {
                    _scripted.Remove(scripted);
                }
                return scripted.Kind;
            }

            if (route is not (SendText or SendMedia))
            {
                return null;
            }

            var roll = _random.NextDouble();
            foreach (var (kind, rate) in _settings.Rates.All())
            {
                if (roll < rate)
                {
                    return kind;
                }
                roll -= rate;
            }
            return null;
        }
    }

    public TimeSpan Latency()
    {
        lock (_gate)
        {
            var jitter = _settings.JitterMs > 0 ? _random.Next(_settings.JitterMs + 1) : 0;
            return TimeSpan.FromMilliseconds(_settings.LatencyMs + jitter);
        }
    }

    public TimeSpan TimeoutHold => TimeSpan.FromMilliseconds(Settings.TimeoutHoldMs);

    private static bool Matches(ScriptedFault fault, string route, string instance, string? jid)
    {
        var routeMatches = fault.Route is null ? route is SendText or SendMedia : fault.Route == route;
        return routeMatches
            && (fault.Instance is null || fault.Instance == instance)
            && (fault.Number is null || (jid is not null && Jid.Normalise(fault.Number) == jid));
    }

    private static FaultSettings Copy(FaultSettings s) => new()
    {
        LatencyMs = s.LatencyMs,
        JitterMs = s.JitterMs,
        Seed = s.Seed,
        TimeoutHoldMs = s.TimeoutHoldMs,
        Rates = new FaultRates
        {
            Error5xx = s.Rates.Error5xx,
            Timeout = s.Rates.Timeout,
            TimedOut = s.Rates.TimedOut,
            TooManyRequests = s.Rates.TooManyRequests,
            ExistsFalse = s.Rates.ExistsFalse,
            CloudRefused = s.Rates.CloudRefused,
            InternalError = s.Rates.InternalError,
        },
    };
}

namespace EnvioMassa.EvolutionSimulator.Recording;

/// <summary>
/// Every Evolution request received, in arrival order. Sequence numbers keep rising across resets so that a
/// poller using <c>since</c> never sees one twice; the arrival time is read under the same lock that assigns
/// the sequence number, so arrival times never go backwards along the sequence.
/// </summary>
public sealed class RequestLog(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<RequestEntry> _entries = new(capacity: 4096);
    private long _firstSeq = 1;

    public RequestEntry Begin(string route, string? instance)
    {
        lock (_gate)
        {
            var entry = new RequestEntry(_firstSeq + _entries.Count, route, instance, time.GetUtcNow().UtcDateTime);
            _entries.Add(entry);
            return entry;
        }
    }

    public void Describe(RequestEntry entry, string? number, string? text, string? media = null, long? delayMs = null)
    {
        lock (_gate)
        {
            entry.Number = number;
            entry.Text = text;
            entry.Media = media;
            entry.DelayMs = delayMs;
        }
    }

    /// <summary>Sets the outcome the response will be recorded with (the status code alone can't tell them apart).</summary>
    public void SetOutcome(RequestEntry entry, string outcome, string? messageId = null)
    {
        lock (_gate)
        {
            entry.Outcome = outcome;
            entry.MessageId = messageId ?? entry.MessageId;
        }
    }

    /// <summary>Closes the entry; the first call wins, so a handler that gave up on answering can close it first.</summary>
    public void Complete(RequestEntry entry, int? statusCode, string? outcome = null)
    {
        lock (_gate)
        {
            if (entry.RespondedAt is not null)
            {
                return;
            }
            entry.RespondedAt = time.GetUtcNow().UtcDateTime;
            entry.StatusCode = statusCode;
            entry.Outcome = outcome ?? entry.Outcome ?? (statusCode is { } s ? RequestOutcome.FromStatus(s) : RequestOutcome.Timeout);
        }
    }

    /// <summary>Entries with a sequence number above <paramref name="afterSeq"/>, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Read(string? instance, long afterSeq, DateTime? arrivedSince, int limit)
    {
        lock (_gate)
        {
            var start = (int)Math.Clamp(afterSeq - _firstSeq + 1, 0, _entries.Count);
            if (arrivedSince is { } since)
            {
                start = Math.Max(start, FirstArrivedAtOrAfter(since));
            }

            var result = new List<RequestRecord>();
            for (var i = start; i < _entries.Count && result.Count < limit; i++)
            {
                var entry = _entries[i];
                if (instance is null || string.Equals(entry.Instance, instance, StringComparison.Ordinal))
                {
                    result.Add(entry.Snapshot());
                }
            }
            return result;
        }
    }

    public LogStats Stats()
    {
        lock (_gate)
        {
            var stats = new LogStats();
            foreach (var entry in _entries)
            {
                stats.Add(entry.Instance ?? "", entry.Outcome ?? RequestOutcome.Pending);
            }
            return stats;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _firstSeq += _entries.Count;
            _entries.Clear();
        }
    }

    private int FirstArrivedAtOrAfter(DateTime since)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_entries[mid].ArrivedAt < since)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}

/// <summary>The JSON shape of <c>GET /_sim/stats</c>.</summary>
public sealed class LogStats
{
    public long Requests { get; private set; }

    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, InstanceStats> Instances { get; } = new(StringComparer.Ordinal);

    internal void Add(string instance, string outcome)
    {
        Requests++;
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
        if (!Instances.TryGetValue(instance, out var perInstance))
        {
            Instances[instance] = perInstance = new InstanceStats();
        }
        perInstance.Add(outcome);
    }
}

public sealed class InstanceStats
{
    public long Requests { get; private set; }

    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    internal void Add(string outcome)
    {
        Requests++;
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
    }
}

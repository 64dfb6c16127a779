using System.Text.Json.Serialization;
using EnvioMassa.EvolutionSimulator.Recording;

namespace EnvioMassa.EvolutionSimulator.Faults;

/// <summary>A wrong answer the simulator can give instead of the normal one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>400 <c>[{jid, exists:false, number}]</c>.</summary>
    [JsonStringEnumMemberName("exists_false")] ExistsFalse,

    /// <summary>500 <c>"Connection Closed"</c> (number not in Evolution's cache).</summary>
    [JsonStringEnumMemberName("connection_closed")] ConnectionClosed,

    /// <summary>400 <c>["Error: Connection Closed"]</c> (number in Evolution's cache).</summary>
    [JsonStringEnumMemberName("connection_closed_cached")] ConnectionClosedCached,

    /// <summary>No answer at all: the request hangs until the hold ends or the client leaves.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>400 <c>["Error: Timed Out"]</c>.</summary>
    [JsonStringEnumMemberName("timed_out")] TimedOut,

    /// <summary>500 with a raw string message.</summary>
    [JsonStringEnumMemberName("error_5xx")] Error5xx,

    /// <summary>429, as a proxy in front of Evolution would answer.</summary>
    [JsonStringEnumMemberName("too_many_requests")] TooManyRequests,
}

public static class FaultKindExtensions
{
    public static string Outcome(this FaultKind kind) => kind switch
    {
        FaultKind.ExistsFalse => RequestOutcome.ExistsFalse,
        FaultKind.ConnectionClosed or FaultKind.ConnectionClosedCached => RequestOutcome.ConnectionClosed,
        FaultKind.Timeout => RequestOutcome.Timeout,
        FaultKind.TimedOut => RequestOutcome.TimedOut,
        FaultKind.Error5xx => RequestOutcome.Error5xx,
        FaultKind.TooManyRequests => RequestOutcome.TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads (connectionState, whatsappNumbers) can only fail in the ways that have no recipient.</summary>
    public static bool AppliesToReads(this FaultKind kind) =>
        kind is FaultKind.Timeout or FaultKind.Error5xx or FaultKind.TooManyRequests or FaultKind.ConnectionClosed;
}

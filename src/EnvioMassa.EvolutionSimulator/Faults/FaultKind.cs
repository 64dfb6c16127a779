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

    /// <summary>
    /// The Cloud API integration (WHATSAPP-BUSINESS) when Meta refuses: <b>201</b> with Meta's error object as the
    /// body and no <c>key.id</c>, since Evolution returns whatever its Graph call answered.
    /// </summary>
    [JsonStringEnumMemberName("cloud_refused")] CloudRefused,

    /// <summary>The same 201 for a business number Meta deleted (code 33): the number can never send again.</summary>
    [JsonStringEnumMemberName("cloud_number_deleted")] CloudNumberDeleted,

    /// <summary>
    /// An unexpected exception in the send path, which Evolution answers 400 with its text
    /// (<c>["TypeError: Cannot read properties of undefined (reading 'id')"]</c>); on whatsappNumbers, 400 <c>{}</c>.
    /// </summary>
    [JsonStringEnumMemberName("internal_error")] InternalError,
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
        FaultKind.CloudRefused or FaultKind.CloudNumberDeleted => RequestOutcome.CloudRefused,
        FaultKind.InternalError => RequestOutcome.InternalError,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Sends take every kind; the reads only the ways they can fail, which have no recipient.</summary>
    public static bool AppliesTo(this FaultKind kind, string route) => route switch
    {
        FaultInjector.ConnectionState =>
            kind is FaultKind.Timeout or FaultKind.Error5xx or FaultKind.TooManyRequests or FaultKind.ConnectionClosed,
        // Evolution answers every failure of this route 400 with the raw error: it never answers 5xx here.
        FaultInjector.WhatsAppNumbers =>
            kind is FaultKind.Timeout or FaultKind.TooManyRequests or FaultKind.ConnectionClosed or FaultKind.TimedOut or FaultKind.InternalError,
        _ => true,
    };
}

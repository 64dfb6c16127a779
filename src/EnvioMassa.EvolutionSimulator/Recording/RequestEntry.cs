using System.Text.Json.Serialization;

namespace EnvioMassa.EvolutionSimulator.Recording;

/// <summary>
/// One request as the simulator saw it. Mutable while the request is in flight; only <see cref="RequestLog"/>
/// writes to it, under its lock, and readers get <see cref="RequestRecord"/> copies.
/// </summary>
public sealed class RequestEntry
{
    internal RequestEntry(long seq, string route, string? instance, DateTime arrivedAt)
    {
        Seq = seq;
        Route = route;
        Instance = instance;
        ArrivedAt = arrivedAt;
    }

    public long Seq { get; }
    public string Route { get; }
    public string? Instance { get; }
    public DateTime ArrivedAt { get; }
    internal string? Number { get; set; }
    internal string? Text { get; set; }
    internal DateTime? RespondedAt { get; set; }
    internal int? StatusCode { get; set; }
    internal string? Outcome { get; set; }
    internal string? MessageId { get; set; }
    internal string? Media { get; set; }
    internal long? DelayMs { get; set; }

    internal RequestRecord Snapshot() =>
        new(Seq, Route, Instance, Number, Text, ArrivedAt, RespondedAt, StatusCode, Outcome ?? RequestOutcome.Pending, MessageId, Media, DelayMs);
}

/// <summary>
/// The JSON shape of <c>GET /_sim/requests</c>. Times are UTC. <paramref name="Media"/> is a send's
/// <c>mediatype</c> and <c>media</c> ("image https://…"); <paramref name="DelayMs"/> the <c>delay</c> it asked for.
/// </summary>
public sealed record RequestRecord(
    long Seq,
    string Route,
    string? Instance,
    string? Number,
    string? Text,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTime ArrivedAt,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTime? RespondedAt,
    int? StatusCode,
    string Outcome,
    string? MessageId,
    string? Media,
    long? DelayMs);

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvioMassa.Api.Webhooks;

/// <summary>
/// The fields of Evolution's v2 envelope the API reads (its <c>apikey</c> is deliberately not among them).
/// <c>date_time</c> is kept as text: it is Evolution's local wall-clock time labelled <c>Z</c>, and a value the API
/// cannot read must not cost the event (a 400 is never retried by Evolution).
/// </summary>
public sealed record EventoEvolution(
    string? Event,
    string? Instance,
    JsonElement? Data,
    [property: JsonPropertyName("date_time")] JsonElement? DateTime)
{
    /// <summary>Dotted lower case, as Evolution names events in the envelope (<c>MESSAGES_UPDATE</c> → <c>messages.update</c>).</summary>
    public static string Normalizar(string evento) => evento.Trim().ToLowerInvariant().Replace('_', '.').Replace('-', '.');

    /// <summary>
    /// <c>date_time</c> read on Evolution's own clock: only good for ordering this instance's events among themselves
    /// (ADR 0005). Null when absent or unreadable.
    /// </summary>
    public DateTime? RelogioDoEvolution() =>
        DateTime is { ValueKind: JsonValueKind.String } texto && DateTimeOffset.TryParse(texto.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var quando)
            ? quando.UtcDateTime
            : null;

    /// <summary>
    /// <c>data</c>'s items: Evolution posts one object per event, but some of its events carry an array; both are read
    /// the same way.
    /// </summary>
    public IEnumerable<JsonElement> Itens() => Data switch
    {
        { ValueKind: JsonValueKind.Object } objeto => [objeto],
        { ValueKind: JsonValueKind.Array } lista => lista.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object),
        _ => [],
    };
}

public sealed record WebhookSaida(string Resultado);

static class Json
{
    public static string? Texto(this JsonElement elemento, string propriedade) =>
        elemento.ValueKind == JsonValueKind.Object && elemento.TryGetProperty(propriedade, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static JsonElement? Objeto(this JsonElement elemento, string propriedade) =>
        elemento.ValueKind == JsonValueKind.Object && elemento.TryGetProperty(propriedade, out var v) && v.ValueKind == JsonValueKind.Object
            ? v
            : null;

    public static bool? Logico(this JsonElement elemento, string propriedade) =>
        elemento.ValueKind == JsonValueKind.Object && elemento.TryGetProperty(propriedade, out var v)
            && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : null;

    /// <summary>A string or a number, as text (Evolution writes some fields either way).</summary>
    public static string? TextoOuNumero(this JsonElement elemento, string propriedade) =>
        elemento.ValueKind == JsonValueKind.Object && elemento.TryGetProperty(propriedade, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}

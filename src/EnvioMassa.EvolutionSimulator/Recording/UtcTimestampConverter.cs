using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvioMassa.EvolutionSimulator.Recording;

/// <summary>
/// Always seven fractional digits and a Z: the default writer drops trailing zeros, and a time that falls on a
/// whole second would lose its fraction entirely.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
}

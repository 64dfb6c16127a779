using System.Text.Json;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary>
/// The little of JSON Schema that Evolution's request schemas use, with the messages its validator produces
/// (<c>instance requires property "text"</c>, <c>delay is not of a type(s) integer</c>).
/// </summary>
public sealed class BodySchema(params SchemaField[] fields)
{
    public IReadOnlyList<SchemaField> Fields { get; } = fields;

    public List<string> Validate(JsonElement body, string prefix = "")
    {
        var owner = prefix.Length == 0 ? "instance" : prefix.TrimEnd('.');
        if (body.ValueKind != JsonValueKind.Object)
        {
            return [$"{owner} is not of a type(s) object"];
        }

        var errors = new List<string>();
        foreach (var field in Fields)
        {
            if (body.TryGetProperty(field.Name, out var value))
            {
                errors.AddRange(field.Check(value, prefix + field.Name));
            }
        }
        foreach (var field in Fields.Where(f => f.Required && !body.TryGetProperty(f.Name, out _)))
        {
            errors.Add($"{owner} requires property \"{field.Name}\"");
        }
        return errors;
    }

    /// <summary>Reads the request body; an empty or unreadable body counts as not being an object.</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

public sealed record SchemaField(string Name, string Type, bool Required = false, string[]? Enum = null, string? Description = null)
{
    public IEnumerable<string> Check(JsonElement value, string path)
    {
        if (!HasType(value))
        {
            yield return Description ?? $"{path} is not of a type(s) {Type}";
            yield break;
        }
        if (Enum is not null && !Enum.Contains(value.GetString()))
        {
            yield return $"{path} is not one of enum values: {string.Join(",", Enum)}";
        }
    }

    private bool HasType(JsonElement value) => Type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };
}

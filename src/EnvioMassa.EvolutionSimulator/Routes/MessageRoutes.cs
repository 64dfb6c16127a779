using System.Text.Json;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Recording;

namespace EnvioMassa.EvolutionSimulator.Routes;

/// <summary><c>POST /message/sendText/{instance}</c> and <c>POST /message/sendMedia/{instance}</c>.</summary>
public static class MessageRoutes
{
    public static readonly string[] MediaTypes = ["image", "document", "video", "audio"];

    private static readonly BodySchema TextSchema = new(
        new SchemaField("number", "string", Required: true),
        new SchemaField("text", "string", Required: true),
        new SchemaField("delay", "integer", Description: "Enter a value in milliseconds"),
        new SchemaField("linkPreview", "boolean"),
        new SchemaField("mentionsEveryOne", "boolean"),
        new SchemaField("mentioned", "array"),
        new SchemaField("quoted", "object"));

    private static readonly BodySchema MediaSchema = new(
        new SchemaField("number", "string", Required: true),
        new SchemaField("mediatype", "string", Required: true, Enum: MediaTypes),
        new SchemaField("mimetype", "string"),
        new SchemaField("caption", "string"),
        new SchemaField("media", "string", Required: true),
        new SchemaField("fileName", "string"),
        new SchemaField("delay", "integer", Description: "Enter a value in milliseconds"),
        new SchemaField("quoted", "object"));

    public static async Task<IResult> SendText(HttpContext http, MessageSender sender)
    {
        var call = EvolutionCall.From(http);
        var body = await BodySchema.ReadAsync(http.Request);
        var errors = TextSchema.Validate(body);
        if (errors.Count > 0)
        {
            call.Describe(StringOrNull(body, "number"), StringOrNull(body, "text"));
            return call.Invalid(errors);
        }

        var number = body.GetProperty("number").GetString()!;
        var text = body.GetProperty("text").GetString()!;
        call.Describe(number, text, delayMs: DelayMs(body));
        if (string.IsNullOrWhiteSpace(text))
        {
            return call.Error(StatusCodes.Status400BadRequest, new[] { "Text is required" }, RequestOutcome.BadRequest);
        }

        var message = new SentContent("conversation", new { conversation = text });
        return await sender.SendAsync(call, FaultInjector.SendText, number, Delay(body), message);
    }

    public static async Task<IResult> SendMedia(HttpContext http, MessageSender sender)
    {
        var call = EvolutionCall.From(http);
        var body = await BodySchema.ReadAsync(http.Request);
        var errors = MediaSchema.Validate(body);
        var caption = StringOrNull(body, "caption");
        call.Describe(StringOrNull(body, "number"), caption);
        if (errors.Count > 0)
        {
            return call.Invalid(errors);
        }

        var mediaType = body.GetProperty("mediatype").GetString()!;
        var media = body.GetProperty("media").GetString()!;
        call.Describe(StringOrNull(body, "number"), caption, $"{mediaType} {(media.Length > 200 ? media[..200] : media)}", DelayMs(body));
        var fileName = StringOrNull(body, "fileName");
        var isUrl = IsUrl(media);
        if (!isUrl && !IsBase64(media))
        {
            // A data: URI is neither a URL nor raw base64 for Evolution.
            return call.Error(StatusCodes.Status400BadRequest, new[] { "Owned media must be a url or base64" }, RequestOutcome.BadRequest);
        }
        if (!isUrl && mediaType == "document" && string.IsNullOrEmpty(fileName))
        {
            return call.Error(StatusCodes.Status400BadRequest, new[] { "For base64 the file name must be informed." }, RequestOutcome.BadRequest);
        }

        var messageType = mediaType + "Message";
        var content = new Dictionary<string, object?>
        {
            ["url"] = isUrl ? media : null,
            ["mimetype"] = StringOrNull(body, "mimetype"),
            ["caption"] = caption,
            ["fileName"] = fileName,
        };
        var message = new SentContent(messageType, new Dictionary<string, object> { [messageType] = content });
        return await sender.SendAsync(call, FaultInjector.SendMedia, body.GetProperty("number").GetString()!, Delay(body), message);
    }

    private static TimeSpan Delay(JsonElement body) => DelayMs(body) is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;

    private static long? DelayMs(JsonElement body) =>
        body.TryGetProperty("delay", out var delay) && delay.GetInt64() > 0 ? delay.GetInt64() : null;

    internal static string? StringOrNull(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsUrl(string media) =>
        Uri.TryCreate(media, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsBase64(string media)
    {
        var buffer = new byte[media.Length];
        return media.Length > 0 && Convert.TryFromBase64String(media, buffer, out _);
    }
}

/// <summary>What a send puts in the answer's <c>messageType</c> and <c>message</c>.</summary>
public sealed record SentContent(string MessageType, object Message);

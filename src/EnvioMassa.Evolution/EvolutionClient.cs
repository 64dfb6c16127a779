using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Evolution;

internal sealed partial class EvolutionClient(HttpClient http, IOptionsMonitor<EvolutionOptions> options, ILogger<EvolutionClient> logger)
    : IEvolutionClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<SendResult> SendTextAsync(string instance, string number, string text, string? instanceToken, CancellationToken ct,
        DateTimeOffset? leaveBy = null, TimeSpan? typing = null) =>
        SendAsync("sendText", instance, new TextBody(number, text, DelayMs(typing)), instanceToken, ct, leaveBy, typing);

    public Task<SendResult> SendMediaAsync(string instance, SendMediaRequest media, string? instanceToken, CancellationToken ct,
        DateTimeOffset? leaveBy = null, TimeSpan? typing = null) =>
        SendAsync("sendMedia", instance,
            new MediaBody(media.Number, media.MediaType, media.Media, media.MimeType, media.Caption, media.FileName, DelayMs(typing)),
            instanceToken, ct, leaveBy, typing);

    private static int? DelayMs(TimeSpan? typing) => typing is { } t && t > TimeSpan.Zero ? (int)t.TotalMilliseconds : null;

    public const string WarmUpInstance = "enviomassa-aquecimento";

    public async Task WarmUpAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"message/sendText/{WarmUpInstance}", instanceToken: null,
            new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new TextBody("", ""), Json))
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
            });
        using var response = await http.SendAsync(request, ct);
        await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<ConnectionStateResult> GetConnectionStateAsync(string instance, string? instanceToken, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"instance/connectionState/{Uri.EscapeDataString(instance)}", instanceToken, content: null);
        EvolutionRequestKind.MarkAsQuery(request);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var result = ConnectionState((int)response.StatusCode, body);
            LogConnectionState(instance, result.State, result.HttpStatus);
            return result;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && EvolutionResponseClassifier.IsCommunicationFailure(ex))
        {
            var failure = EvolutionResponseClassifier.Classify(ex, options.CurrentValue.QueryTimeout);
            LogConnectionState(instance, InstanceConnectionState.Unreachable, null);
            return new ConnectionStateResult(InstanceConnectionState.Unreachable, null, failure.Description);
        }
    }

    public async Task<IReadOnlyList<WhatsAppNumber>> CheckNumbersAsync(
        string instance, IReadOnlyCollection<string> numbers, string? instanceToken, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"chat/whatsappNumbers/{Uri.EscapeDataString(instance)}", instanceToken,
            JsonContent.Create(new { numbers }, options: Json));
        EvolutionRequestKind.MarkAsQuery(request);
        int status;
        string body;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && EvolutionResponseClassifier.IsCommunicationFailure(ex))
        {
            var failure = EvolutionResponseClassifier.Classify(ex, options.CurrentValue.QueryTimeout);
            throw new EvolutionException(failure.Outcome, null, failure.Description, ex);
        }

        if (status == (int)HttpStatusCode.OK && ParseNumbers(body) is { } checkedNumbers)
        {
            return checkedNumbers;
        }
        if (status is >= 200 and < 300)
        {
            throw new EvolutionException(SendOutcome.Transient, status, $"Resposta inesperada da Evolution à verificação de números (HTTP {status})");
        }
        // This route answers its errors as 400 with the thrown value and no envelope (a Baileys error for a closed
        // connection or a timeout, say): the classifier reads those shapes as well, so a 400 here is not taken for a bad number.
        var refusal = EvolutionResponseClassifier.Classify(status, body);
        throw new EvolutionException(refusal.Outcome, status, refusal.Description);
    }

    private async Task<SendResult> SendAsync(string action, string instance, object payload, string? instanceToken, CancellationToken ct,
        DateTimeOffset? leaveBy, TimeSpan? typing)
    {
        using var request = Request(HttpMethod.Post, $"message/{action}/{Uri.EscapeDataString(instance)}", instanceToken,
            // Serialized here, not lazily by the handler that writes the socket: a first serialization can take tens
            // of milliseconds, and that must happen before the request's dispatch time is noted, not after.
            new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Json))
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
            });
        if (leaveBy is { } deadline)
        {
            request.Options.Set(DispatchTimeHandler.Deadline, deadline);
        }
        if (DelayMs(typing) is { } typingMs)
        {
            EvolutionRequestKind.MarkTyping(request, TimeSpan.FromMilliseconds(typingMs));
        }
        SendResult result;
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            result = EvolutionResponseClassifier.Classify((int)response.StatusCode, body);
        }
        catch (DispatchDeadlineMissedException ex)
        {
            LogNotSent(instance, action, (int)ex.Late.TotalMilliseconds);
            return new SendResult(SendOutcome.NotSent, null, null, null,
                $"Não enviado: o pedido sairia {(int)ex.Late.TotalMilliseconds} ms depois da sua vez no ritmo da instância");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && EvolutionResponseClassifier.IsCommunicationFailure(ex))
        {
            result = EvolutionResponseClassifier.Classify(ex, options.CurrentValue.SendTimeout + (typing ?? TimeSpan.Zero));
        }

        if (request.Options.TryGetValue(DispatchTimeHandler.Key, out var dispatchedAt))
        {
            result = result with { DispatchedAt = dispatchedAt };
        }

        if (result.Outcome == SendOutcome.Accepted)
        {
            LogAccepted(instance, action, result.MessageId);
        }
        else
        {
            LogRefused(instance, action, result.Outcome, result.HttpStatus, result.Description);
        }
        return result;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? instanceToken, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        var key = string.IsNullOrEmpty(instanceToken) ? options.CurrentValue.ApiKey : instanceToken;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.TryAddWithoutValidation("apikey", key);
        }
        return request;
    }

    private static ConnectionStateResult ConnectionState(int status, string body)
    {
        if (status is 401 or 403 or 404)
        {
            var refused = EvolutionResponseClassifier.Classify(status, body);
            var state = refused.Outcome == SendOutcome.InstanceGone ? InstanceConnectionState.NotFound
                : status == 404 ? InstanceConnectionState.Unknown
                : InstanceConnectionState.Unauthorized;
            return new ConnectionStateResult(state, status, refused.Description);
        }
        if (status != 200)
        {
            return new ConnectionStateResult(InstanceConnectionState.Unreachable, status,
                EvolutionResponseClassifier.Classify(status, body).Description);
        }

        var reported = ReadState(body);
        return reported switch
        {
            "open" => new ConnectionStateResult(InstanceConnectionState.Open, status, null),
            "connecting" => new ConnectionStateResult(InstanceConnectionState.Connecting, status, null),
            "close" => new ConnectionStateResult(InstanceConnectionState.Close, status, null),
            "refused" => new ConnectionStateResult(InstanceConnectionState.Refused, status, null),
            _ => new ConnectionStateResult(InstanceConnectionState.Unknown, status,
                $"Estado desconhecido informado pela Evolution: \"{reported ?? "(ausente)"}\""),
        };
    }

    private static string? ReadState(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("instance", out var instance) &&
                   instance.ValueKind == JsonValueKind.Object
                ? EvolutionResponseClassifier.StringProperty(instance, "state")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<WhatsAppNumber>? ParseNumbers(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            return document.RootElement.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.Object)
                .Select(item => new WhatsAppNumber(
                    EvolutionResponseClassifier.StringProperty(item, "number") ?? "",
                    EvolutionResponseClassifier.StringProperty(item, "jid") ?? "",
                    item.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.True,
                    EvolutionResponseClassifier.StringProperty(item, "name")))
                .ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evolution aceitou {Acao} da instância {Instancia}: {MessageId}")]
    private partial void LogAccepted(string instancia, string acao, string? messageId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Evolution não aceitou {Acao} da instância {Instancia}: {Resultado} (HTTP {HttpStatus}) {Descricao}")]
    private partial void LogRefused(string instancia, string acao, SendOutcome resultado, int? httpStatus, string descricao);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Acao} da instância {Instancia} não foi enviado: sairia {AtrasoMs} ms depois do prazo")]
    private partial void LogNotSent(string instancia, string acao, int atrasoMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Estado da instância {Instancia} na Evolution: {Estado} (HTTP {HttpStatus})")]
    private partial void LogConnectionState(string instancia, InstanceConnectionState estado, int? httpStatus);

    private sealed record TextBody(string Number, string Text, int? Delay = null);

    private sealed record MediaBody(
        string Number,
        [property: JsonPropertyName("mediatype")] string MediaType,
        string Media,
        [property: JsonPropertyName("mimetype")] string? MimeType,
        string? Caption,
        string? FileName,
        int? Delay);
}

using System.Net.Http;
using System.Text.Json;
using Polly.Timeout;

namespace EnvioMassa.Evolution;

/// <summary>
/// The one place that decides what Evolution's answers mean (see shared/evolution-api.md). Pure: a status code
/// and a body in, a <see cref="SendResult"/> out.
/// </summary>
public static class EvolutionResponseClassifier
{
    private const int MaxQuotedLength = 300;

    public static SendResult Classify(int statusCode, string? body)
    {
        var error = EvolutionError.Parse(body);
        if (statusCode is >= 200 and < 300)
        {
            var (id, jid) = ReadKey(body);
            return new SendResult(SendOutcome.Accepted, id, jid, statusCode, id is null
                ? $"Aceita pela Evolution (HTTP {statusCode}), mas a resposta não trouxe key.id"
                : $"Aceita pela Evolution (HTTP {statusCode}), id {id}");
        }

        var quoted = $"(Evolution HTTP {statusCode}: {error.Text})";
        if (error.SaysConnectionClosed)
        {
            return Fail(SendOutcome.InstanceFailure, $"Instância desconectada do WhatsApp {quoted}");
        }

        return statusCode switch
        {
            401 or 403 => Fail(SendOutcome.InstanceFailure, $"Chave de API recusada pela Evolution {quoted}"),
            404 => Fail(SendOutcome.InstanceFailure, $"Instância não encontrada na Evolution {quoted}"),
            408 => Fail(SendOutcome.Transient, $"Evolution não respondeu a tempo {quoted}"),
            429 => Fail(SendOutcome.Transient, $"Evolution recusou por excesso de requisições {quoted}"),
            >= 500 => Fail(SendOutcome.Transient, $"Erro interno da Evolution {quoted}"),
            400 when error.MissingJid is { } missing => new SendResult(SendOutcome.RecipientFailure, null, missing, statusCode,
                $"Número não está no WhatsApp {quoted}"),
            400 when error.IsSendError => Fail(SendOutcome.Transient, $"Falha temporária da Evolution ao enviar {quoted}"),
            >= 400 and < 500 => Fail(SendOutcome.RecipientFailure, $"Mensagem recusada pela Evolution {quoted}"),
            _ => Fail(SendOutcome.Transient, $"Resposta inesperada da Evolution {quoted}"),
        };

        SendResult Fail(SendOutcome outcome, string description) => new(outcome, null, null, statusCode, description);
    }

    /// <summary>No answer at all: always worth another attempt, but a timeout may hide a message that did go.</summary>
    public static SendResult Classify(Exception exception, TimeSpan timeout) => new(SendOutcome.Transient, null, null, null,
        exception switch
        {
            TimeoutRejectedException or TaskCanceledException =>
                $"Evolution não respondeu em {timeout.TotalSeconds:0.###} s (tempo esgotado); a mensagem pode ter sido enviada",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                $"Não foi possível conectar à Evolution: {exception.Message}",
            _ => $"Falha de comunicação com a Evolution: {exception.Message}",
        });

    /// <summary>What the client treats as "no answer" rather than a bug.</summary>
    public static bool IsCommunicationFailure(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or TaskCanceledException or IOException;

    private static (string? Id, string? RemoteJid) ReadKey(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object)
            {
                return (StringProperty(key, "id"), StringProperty(key, "remoteJid"));
            }
        }
        catch (JsonException)
        {
            // An unreadable 2xx is still a send Evolution took: it must not be sent again.
        }
        return (null, null);
    }

    internal static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Evolution's error envelope <c>{status, error, response: {message}}</c>, read leniently.</summary>
    private sealed record EvolutionError(string Text, bool SaysConnectionClosed, bool IsSendError, string? MissingJid)
    {
        public static EvolutionError Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return new EvolutionError("sem corpo", false, false, null);
            }
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("response", out var response) &&
                    response.ValueKind == JsonValueKind.Object &&
                    response.TryGetProperty("message", out var message))
                {
                    return FromMessage(message);
                }
            }
            catch (JsonException)
            {
                // Not Evolution's envelope (a proxy's page, say): quote it as it came.
            }
            return new EvolutionError(Quote(body), body.Contains("Connection Closed", StringComparison.OrdinalIgnoreCase), false, null);
        }

        private static EvolutionError FromMessage(JsonElement message)
        {
            var strings = new List<string>();
            var parts = new List<string>();
            string? missingJid = null;
            foreach (var item in message.ValueKind == JsonValueKind.Array ? message.EnumerateArray() : Enumerate(message))
            {
                switch (item.ValueKind)
                {
                    case JsonValueKind.String:
                        strings.Add(item.GetString()!);
                        parts.Add(item.GetString()!);
                        break;
                    case JsonValueKind.Object when item.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.False:
                        missingJid = StringProperty(item, "jid") ?? "";
                        parts.Add($"{missingJid} exists=false, number={StringProperty(item, "number")}");
                        break;
                    case JsonValueKind.Array:
                        // Schema failures: the validator's messages nested one level down.
                        parts.Add(string.Join("; ", item.EnumerateArray().Select(e => e.ToString())));
                        break;
                    default:
                        parts.Add(item.GetRawText());
                        break;
                }
            }

            return new EvolutionError(
                Quote(string.Join("; ", parts)),
                strings.Any(s => s.Contains("Connection Closed", StringComparison.OrdinalIgnoreCase)),
                strings.Count > 0 && strings.All(s => s.StartsWith("Error:", StringComparison.Ordinal)),
                missingJid);
        }

        private static IEnumerable<JsonElement> Enumerate(JsonElement single)
        {
            yield return single;
        }

        private static string Quote(string text) =>
            text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
    }
}

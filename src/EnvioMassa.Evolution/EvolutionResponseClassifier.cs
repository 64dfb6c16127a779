using System.Net.Http;
using System.Text.Json;
using Polly.Timeout;

namespace EnvioMassa.Evolution;

/// <summary>
/// The one place that decides what Evolution's answers mean (see shared/evolution-api.md). Pure: a status code
/// and a body in, a <see cref="SendResult"/> out.
/// </summary>
/// <remarks>
/// Read from Evolution 2.3.6's source. The rule that shapes the 400s: every exception in the Baileys send path is
/// answered as 400 with the exception's text (<c>BadRequestException(error.toString())</c>), so a 400 is the
/// recipient's fault only when Evolution says so in words it uses for that — <c>exists:false</c>, a schema
/// failure, or one of its refusals of the message itself. Anything else in a 400 (<c>TypeError: …</c>,
/// <c>Error: Timed Out</c>, <c>[object Object]</c>, a body we cannot read) is Evolution's trouble and worth
/// another attempt.
/// </remarks>
public static class EvolutionResponseClassifier
{
    private const int MaxQuotedLength = 300;

    private const string ConnectionClosed = "Connection Closed";

    /// <summary>The end of Evolution's 404 for an unknown instance: <c>The "x" instance does not exist</c>.</summary>
    private const string InstanceDoesNotExist = "instance does not exist";

    /// <summary>
    /// Evolution's own refusals of the message itself, before any send (<c>textMessage</c> and
    /// <c>sendMessage.controller.ts</c>): the same message would be refused again.
    /// </summary>
    private static readonly string[] MessageRefusals =
    [
        "Text is required",
        "For base64 the file name must be informed.",
        "Owned media must be a url or base64",
    ];

    /// <summary>
    /// What the Cloud API integration answers for the routes it does not implement (<c>whatsappNumbers</c> among
    /// them): this instance will never do it, whoever the recipient.
    /// </summary>
    private static readonly string[] InstanceRefusals = ["Method not available on WhatsApp Business API"];

    /// <summary>
    /// <list type="bullet">
    /// <item>2xx with <c>key.id</c>: <see cref="SendOutcome.Accepted"/>.</item>
    /// <item>2xx with Meta's error object (Cloud API): by Meta's code, see <see cref="ClassifyMetaRefusal"/>.</item>
    /// <item>2xx with neither: <see cref="SendOutcome.RecipientFailure"/>, said to be ambiguous (see <see cref="ClassifySuccess"/>).</item>
    /// <item>"Connection Closed" in any shape, any status: <see cref="SendOutcome.InstanceFailure"/>.</item>
    /// <item>404 saying <c>The "x" instance does not exist</c>: <see cref="SendOutcome.InstanceGone"/> (as Meta's code 33).</item>
    /// <item>401, 403, any other 404 (a proxy's, say), and "Method not available on WhatsApp Business API": <see cref="SendOutcome.InstanceFailure"/>.</item>
    /// <item>408, 429, 5xx: <see cref="SendOutcome.Transient"/>.</item>
    /// <item>413: <see cref="SendOutcome.RecipientFailure"/> (the message is too large for the server).</item>
    /// <item>400 with <c>exists:false</c>, a schema failure (nested array) or <see cref="MessageRefusals"/>: <see cref="SendOutcome.RecipientFailure"/>.</item>
    /// <item>Any other 400, and any other status: <see cref="SendOutcome.Transient"/>.</item>
    /// </list>
    /// </summary>
    public static SendResult Classify(int statusCode, string? body)
    {
        using var document = TryParse(body);
        var root = document?.RootElement;
        return statusCode is >= 200 and < 300
            ? ClassifySuccess(statusCode, body, root)
            : ClassifyError(statusCode, EvolutionError.From(body, root));
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

    /// <summary>
    /// A 2xx is a send Evolution took only when it carries <c>key.id</c>. Without one it is either Meta's refusal
    /// passed on by the Cloud API integration, or something we cannot read (a proxy's page, a record without an
    /// id). That last case fails the row for good rather than counting it sent: both are final, so neither can
    /// cause a duplicate, but "sent" would hide a message that most likely never left (the only 2xx without
    /// <c>key.id</c> Evolution documents is a refusal) and could never be matched to a delivery webhook, while a
    /// failure says what happened and leaves resending to the operator.
    /// </summary>
    private static SendResult ClassifySuccess(int statusCode, string? body, JsonElement? root)
    {
        if (root is { ValueKind: JsonValueKind.Object } answer)
        {
            if (answer.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object &&
                StringProperty(key, "id") is { Length: > 0 } id)
            {
                return new SendResult(SendOutcome.Accepted, id, StringProperty(key, "remoteJid"), statusCode,
                    $"Aceita pela Evolution (HTTP {statusCode}), id {id}");
            }
            // Evolution's own test for "Meta refused" (whatsapp.business.service.ts): error_data or message.
            if (answer.TryGetProperty("error_data", out _) || StringProperty(answer, "message") is not null)
            {
                return ClassifyMetaRefusal(statusCode, answer);
            }
        }
        return new SendResult(SendOutcome.RecipientFailure, null, null, statusCode,
            $"A Evolution respondeu HTTP {statusCode} sem key.id: não há como saber se a mensagem saiu, e ela não será " +
            $"reenviada para não duplicar (resposta: {Quote(string.IsNullOrWhiteSpace(body) ? "sem corpo" : body)})");
    }

    /// <summary>
    /// Meta's Graph error <c>{message, type, code, error_data:{details}, fbtrace_id}</c>, by its code
    /// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes):
    /// <list type="bullet">
    /// <item>Transient — Meta asks to wait and retry: 1 (unknown, possible server error), 2 (service overloaded),
    /// 4 (app call rate), 80007 (account rate limit), 130429 (throughput), 131000 (something went wrong),
    /// 131016 (service unavailable), 131056 (pair rate limit for this recipient), 131057 (account in maintenance),
    /// 133004 (server temporarily unavailable).</item>
    /// <item>Gone — 33 (the business phone number has been deleted): the instance points at a number that no longer
    /// exists, so no retry, token or reconnection makes it send again; registering the number anew gives it a new id,
    /// that is, a new instance.</item>
    /// <item>Instance — the business number or its token cannot send to anyone for now, so the campaign pauses and the
    /// rows keep their turn: 0, 3, 10, 190, 200–299 (token and permissions), 368 (blocked for policy violations), 131005 (access denied), 131031 (account locked), 131037 (display name
    /// not approved), 131042 (payment issue), 131045 (certificate), 131048 (spam rate limit: the number's quality),
    /// 133010 (number not registered).</item>
    /// <item>Recipient — every other code is about this recipient or this message (131026 undeliverable,
    /// 131030 not in the allowed list, 131047 outside the 24 h window, 131049/131050 marketing limits and opt-out,
    /// 100/131008/131009 parameters, 132xxx templates…): resending the same message would be refused again.</item>
    /// </list>
    /// </summary>
    private static SendResult ClassifyMetaRefusal(int statusCode, JsonElement error)
    {
        var code = MetaCode(error);
        var outcome = code switch
        {
            1 or 2 or 4 or 80007 or 130429 or 131000 or 131016 or 131056 or 131057 or 133004 => SendOutcome.Transient,
            33 => SendOutcome.InstanceGone,
            0 or 3 or 10 or 190 or (>= 200 and <= 299) or 368 or 131005 or 131031 or 131037 or 131042 or 131045
                or 131048 or 133010 => SendOutcome.InstanceFailure,
            _ => SendOutcome.RecipientFailure,
        };
        var message = StringProperty(error, "message") ?? error.GetRawText();
        var details = error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object
            ? StringProperty(data, "details")
            : null;
        var text = details is null || message.Contains(details, StringComparison.Ordinal) ? message : $"{message} — {details}";
        var codeText = code is null ? "" : $" (código {code})";
        return new SendResult(outcome, null, null, statusCode, $"Recusada pela Meta{codeText}: {Quote(text)} (Evolution HTTP {statusCode})");
    }

    private static int? MetaCode(JsonElement error) => error.TryGetProperty("code", out var code)
        ? code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(code.GetString(), out var number) => number,
            _ => null,
        }
        : null;

    private static SendResult ClassifyError(int statusCode, EvolutionError error)
    {
        var quoted = $"(Evolution HTTP {statusCode}: {error.Text})";
        if (error.Says(ConnectionClosed))
        {
            return Fail(SendOutcome.InstanceFailure, $"Instância desconectada do WhatsApp {quoted}");
        }

        return statusCode switch
        {
            401 or 403 => Fail(SendOutcome.InstanceFailure, $"Chave de API recusada pela Evolution {quoted}"),
            404 when error.Says(InstanceDoesNotExist) => Fail(SendOutcome.InstanceGone, $"Instância não existe na Evolution {quoted}"),
            404 => Fail(SendOutcome.InstanceFailure, $"Instância não encontrada na Evolution {quoted}"),
            408 => Fail(SendOutcome.Transient, $"Evolution não respondeu a tempo {quoted}"),
            413 => Fail(SendOutcome.RecipientFailure, $"Mensagem grande demais para a Evolution {quoted}"),
            429 => Fail(SendOutcome.Transient, $"Evolution recusou por excesso de requisições {quoted}"),
            >= 500 => Fail(SendOutcome.Transient, $"Erro interno da Evolution {quoted}"),
            400 when error.MissingJid is { } missing => new SendResult(SendOutcome.RecipientFailure, null, missing, statusCode,
                $"Número não está no WhatsApp {quoted}"),
            400 when error.HasSchemaErrors => Fail(SendOutcome.RecipientFailure, $"Recusada pela validação da Evolution {quoted}"),
            400 when error.SaysOnly(MessageRefusals) => Fail(SendOutcome.RecipientFailure, $"Mensagem recusada pela Evolution {quoted}"),
            400 when error.SaysOnly(InstanceRefusals) => Fail(SendOutcome.InstanceFailure, $"A instância não oferece esta operação {quoted}"),
            400 when error.IsSendError => Fail(SendOutcome.Transient, $"Falha temporária da Evolution {quoted}"),
            400 => Fail(SendOutcome.Transient, $"Falha inesperada da Evolution, que não indica problema no destinatário {quoted}"),
            _ => Fail(SendOutcome.Transient, $"Resposta inesperada da Evolution {quoted}"),
        };

        SendResult Fail(SendOutcome outcome, string description) => new(outcome, null, null, statusCode, description);
    }

    private static JsonDocument? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): each path quotes the body as it came.
            return null;
        }
    }

    internal static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");

    /// <summary>
    /// Evolution's error, read leniently from each shape it comes in: the error middleware's envelope
    /// <c>{status, error, response: {message}}</c>; or, on <c>/chat/whatsappNumbers</c>, whose route answers 400
    /// with whatever was thrown, the thrown value itself — an exception object <c>{status, error, message}</c>,
    /// a Baileys Boom <c>{isBoom, output: {statusCode, payload: {message}}}</c>, or <c>{}</c> for a plain
    /// <c>Error</c>, whose message JSON does not carry.
    /// </summary>
    /// <param name="Messages">Evolution's own strings, the only words the classification trusts.</param>
    private sealed record EvolutionError(string Text, IReadOnlyList<string> Messages, string? MissingJid, bool HasSchemaErrors)
    {
        public bool Says(string words) => Messages.Any(m => m.Contains(words, StringComparison.OrdinalIgnoreCase));

        public bool SaysOnly(IReadOnlyCollection<string> known) =>
            Messages.Count > 0 && Messages.All(m => known.Contains(m, StringComparer.Ordinal));

        /// <summary>Errors from the WhatsApp connection (<c>Error: Timed Out</c>…), as <c>toString()</c> renders them.</summary>
        public bool IsSendError => Messages.Count > 0 && Messages.All(m => m.StartsWith("Error:", StringComparison.Ordinal));

        public static EvolutionError From(string? body, JsonElement? root)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return new EvolutionError("sem corpo", [], null, false);
            }
            return root is { ValueKind: JsonValueKind.Object } error && MessageOf(error) is { } message
                ? FromMessage(message)
                : new EvolutionError(Quote(body), [], null, false);
        }

        private static JsonElement? MessageOf(JsonElement error)
        {
            if (error.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object &&
                response.TryGetProperty("message", out var enveloped))
            {
                return enveloped;
            }
            if (error.TryGetProperty("message", out var thrown))
            {
                return thrown;
            }
            return error.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object &&
                   output.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object &&
                   payload.TryGetProperty("message", out var boom)
                ? boom
                : null;
        }

        private static EvolutionError FromMessage(JsonElement message)
        {
            var strings = new List<string>();
            var parts = new List<string>();
            string? missingJid = null;
            var schemaErrors = false;
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
                        schemaErrors = true;
                        parts.Add(string.Join("; ", item.EnumerateArray().Select(e => e.ToString())));
                        break;
                    default:
                        parts.Add(item.GetRawText());
                        break;
                }
            }

            return new EvolutionError(Quote(string.Join("; ", parts)), strings, missingJid, schemaErrors);
        }

        private static IEnumerable<JsonElement> Enumerate(JsonElement single)
        {
            yield return single;
        }
    }
}

using System.Net.Http;
using Polly.Timeout;

namespace EnvioMassa.Evolution.Tests.Client;

/// <summary>The classification as a pure function of the status code and the body, on Evolution's documented shapes.</summary>
public sealed class ClassifierTests
{
    [Fact]
    public void Created_with_a_key_is_accepted_with_its_id_and_jid()
    {
        const string body = """
            {"key":{"remoteJid":"553188887777@s.whatsapp.net","fromMe":true,"id":"3EB0A1B2C3D4E5F6A7B8C9"},
             "pushName":"Você","status":"PENDING","message":{"conversation":"Olá"},"messageType":"conversation",
             "messageTimestamp":1717000000,"instanceId":"5f0c0b0e-0000-4000-8000-000000000000","source":"web"}
            """;

        var result = EvolutionResponseClassifier.Classify(201, body);

        Assert.Equal(new SendResult(SendOutcome.Accepted, "3EB0A1B2C3D4E5F6A7B8C9", "553188887777@s.whatsapp.net", 201,
            "Aceita pela Evolution (HTTP 201), id 3EB0A1B2C3D4E5F6A7B8C9"), result);
    }

    [Fact]
    public void Created_with_metas_error_and_no_key_id_is_a_recipient_failure_quoting_meta()
    {
        const string body = """
            {"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,
             "error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
             "fbtrace_id":"AbCdEfGhIjKlMnOpQrStUvW"}
            """;

        var result = EvolutionResponseClassifier.Classify(201, body);

        Assert.Equal(new SendResult(SendOutcome.RecipientFailure, null, null, 201,
            "Recusada pela Meta (código 131030): (#131030) Recipient phone number not in allowed list — Recipient phone number " +
            "not in allowed list: Add recipient phone number to recipient list and try again. (Evolution HTTP 201)"), result);
    }

    [Theory]
    [InlineData(130429, "Rate limit hit", SendOutcome.Transient)]
    [InlineData(131056, "(Business Account, Consumer Account) pair rate limit hit", SendOutcome.Transient)]
    [InlineData(80007, "Rate limit issues", SendOutcome.Transient)]
    [InlineData(131000, "Something went wrong", SendOutcome.Transient)]
    [InlineData(131016, "Service unavailable", SendOutcome.Transient)]
    [InlineData(190, "Error validating access token: Session has expired", SendOutcome.InstanceFailure)]
    [InlineData(131031, "Business Account locked", SendOutcome.InstanceFailure)]
    [InlineData(131048, "Spam rate limit hit", SendOutcome.InstanceFailure)]
    [InlineData(33, "Parameter value is not valid", SendOutcome.InstanceGone)]
    [InlineData(131026, "Message Undeliverable.", SendOutcome.RecipientFailure)]
    [InlineData(131047, "Re-engagement message", SendOutcome.RecipientFailure)]
    [InlineData(132001, "Template name does not exist in the translation", SendOutcome.RecipientFailure)]
    public void Metas_refusal_is_classified_by_metas_code(int code, string title, SendOutcome expected)
    {
        var body = $$"""{"message":"(#{{code}}) {{title}}","type":"OAuthException","code":{{code}},"error_data":{"messaging_product":"whatsapp","details":"{{title}}"},"fbtrace_id":"A1b2C3"}""";

        var result = EvolutionResponseClassifier.Classify(201, body);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.MessageId);
        Assert.StartsWith($"Recusada pela Meta (código {code}): (#{code}) {title}", result.Description);
    }

    [Theory]
    [InlineData("<html>ok</html>")]
    [InlineData("")]
    [InlineData("""{"key":{"fromMe":true,"remoteJid":"5511999999999@s.whatsapp.net"},"messageType":"conversation","status":"PENDING"}""")]
    [InlineData("""{"status":"PENDING","message":{"conversation":"Olá"}}""")]
    public void Created_without_a_key_id_fails_the_row_for_good_so_it_is_never_sent_twice(string body)
    {
        var result = EvolutionResponseClassifier.Classify(201, body);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Null(result.MessageId);
        Assert.Contains("sem key.id", result.Description);
        Assert.Contains("não será reenviada", result.Description);
    }

    [Theory]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":[{"jid":"5511900000001@s.whatsapp.net","exists":false,"number":"5511900000001"}]}}""", "5511900000001@s.whatsapp.net exists=false")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":[["instance requires property \"text\""]]}}""", "instance requires property \"text\"")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Text is required"]}}""", "Text is required")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Owned media must be a url or base64"]}}""", "Owned media")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["For base64 the file name must be informed."]}}""", "file name must be informed")]
    [InlineData(400, """{"status":400,"error":"Bad Request","message":[["numbers does not meet minimum length of 1"]]}""", "numbers does not meet minimum length of 1")]
    [InlineData(413, "", "sem corpo")]
    public void Rejections_of_the_message_itself_are_recipient_failures(int status, string body, string quoted)
    {
        var result = EvolutionResponseClassifier.Classify(status, body);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(quoted, result.Description);
    }

    [Theory]
    [InlineData(404, "<html>Not Found</html>", "Instância não encontrada")]
    [InlineData(401, """{"status":401,"error":"Unauthorized","response":{"message":"Unauthorized"}}""", "Chave de API recusada")]
    [InlineData(403, """{"status":403,"error":"Forbidden","response":{"message":"Forbidden"}}""", "Chave de API recusada")]
    [InlineData(500, """{"status":500,"error":"Internal Server Error","response":{"message":"Connection Closed"}}""", "Instância desconectada")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Error: Connection Closed"]}}""", "Instância desconectada")]
    [InlineData(400, """{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Closed"},"headers":{}}}""", "Instância desconectada")]
    [InlineData(400, """{"status":400,"error":"Bad Request","message":["Method not available on WhatsApp Business API"]}""", "não oferece esta operação")]
    public void Answers_that_say_the_instance_cannot_send_are_instance_failures(int status, string body, string description)
    {
        var result = EvolutionResponseClassifier.Classify(status, body);

        Assert.Equal(SendOutcome.InstanceFailure, result.Outcome);
        Assert.Contains(description, result.Description);
    }

    [Fact]
    public void Evolution_saying_the_instance_does_not_exist_is_an_instance_gone()
    {
        var result = EvolutionResponseClassifier.Classify(404,
            """{"status":404,"error":"Not Found","response":{"message":["The \"loja\" instance does not exist"]}}""");

        Assert.Equal(SendOutcome.InstanceGone, result.Outcome);
        Assert.Contains("Instância não existe na Evolution", result.Description);
        Assert.Contains("The \"loja\" instance does not exist", result.Description);
    }

    [Theory]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Error: Timed Out"]}}""", "Error: Timed Out")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Error: Stream Errored (conflict)"]}}""", "Stream Errored")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["TypeError: Cannot read properties of undefined (reading 'message')"]}}""", "TypeError: Cannot read properties of undefined")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Cannot read properties of undefined (reading 'id')"]}}""", "não indica problema no destinatário")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["ReferenceError: quoted is not defined"]}}""", "ReferenceError")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["RangeError: Maximum call stack size exceeded"]}}""", "RangeError")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["[object Object]"]}}""", "[object Object]")]
    [InlineData(400, """{"data":{"stack":"Error\n    at promiseTimeout (/evolution/node_modules/baileys/lib/Utils/generics.js:140:19)"},"isBoom":true,"isServer":false,"output":{"statusCode":408,"payload":{"statusCode":408,"error":"Request Time-out","message":"Timed Out"},"headers":{}}}""", "Timed Out")]
    [InlineData(400, """{"statusCode":408,"error":"Request Time-out","message":"Timed Out"}""", "Timed Out")]
    [InlineData(400, "{}", "{}")]
    [InlineData(400, "not json", "not json")]
    [InlineData(400, "", "sem corpo")]
    [InlineData(405, "<html>Method Not Allowed</html>", "Resposta inesperada")]
    [InlineData(500, """{"status":500,"error":"Internal Server Error","response":{"message":"socket hang up"}}""", "socket hang up")]
    [InlineData(502, "<html>Bad Gateway</html>", "Bad Gateway")]
    [InlineData(503, "", "sem corpo")]
    [InlineData(429, """{"status":429,"error":"Too Many Requests","response":{"message":"Too Many Requests"}}""", "excesso de requisições")]
    [InlineData(408, "", "não respondeu a tempo")]
    public void Answers_worth_another_attempt_are_transient(int status, string body, string description)
    {
        var result = EvolutionResponseClassifier.Classify(status, body);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Contains(description, result.Description);
    }

    [Fact]
    public void Long_evolution_messages_are_shortened_in_the_description()
    {
        var body = $$$"""{"status":500,"error":"Internal Server Error","response":{"message":"{{{new string('x', 5000)}}}"}}""";

        Assert.True(EvolutionResponseClassifier.Classify(500, body).Description.Length < 400);
    }

    [Fact]
    public void A_timeout_is_transient_and_says_the_message_may_have_gone()
    {
        var result = EvolutionResponseClassifier.Classify(new TimeoutRejectedException(), TimeSpan.FromSeconds(20));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Equal("Evolution não respondeu em 20 s (tempo esgotado); a mensagem pode ter sido enviada", result.Description);
    }

    [Fact]
    public void A_refused_connection_is_transient()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8081)");

        var result = EvolutionResponseClassifier.Classify(refused, TimeSpan.FromSeconds(20));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Contains("Connection refused", result.Description);
    }

    [Fact]
    public void A_reset_connection_is_transient()
    {
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("reset"));

        Assert.Equal(SendOutcome.Transient, EvolutionResponseClassifier.Classify(reset, TimeSpan.FromSeconds(20)).Outcome);
    }
}

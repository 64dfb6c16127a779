using System.Net;
using System.Text;
using EnvioMassa.Evolution.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.Evolution.Tests.Client;

/// <summary>
/// The whole client stack (resilience pipeline included) against answers of the real Evolution 2.3.6 that the
/// simulator cannot give yet: every request gets the same status and body.
/// </summary>
public sealed class RawAnswerTests
{
    private const string Shop = SimulatorFixture.Shop;

    // What chat.router.ts sends back on /chat/whatsappNumbers: the thrown value as JSON, no envelope.
    private const string BoomConnectionClosed =
        """{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Closed"},"headers":{}}}""";

    private const string BoomTimedOut =
        """{"data":{"stack":"Error\n    at promiseTimeout (/evolution/node_modules/baileys/lib/Utils/generics.js:140:19)"},"isBoom":true,"isServer":false,"output":{"statusCode":408,"payload":{"statusCode":408,"error":"Request Time-out","message":"Timed Out"},"headers":{}}}""";

    [Theory]
    [InlineData(BoomConnectionClosed, SendOutcome.InstanceFailure, 1, "Instância desconectada")]
    [InlineData("""{"status":400,"error":"Bad Request","message":["Method not available on WhatsApp Business API"]}""", SendOutcome.InstanceFailure, 1, "não oferece esta operação")]
    [InlineData("""{"status":400,"error":"Bad Request","message":[["numbers does not meet minimum length of 1"]]}""", SendOutcome.RecipientFailure, 1, "validação")]
    [InlineData(BoomTimedOut, SendOutcome.Transient, 4, "Timed Out")]
    [InlineData("""{"statusCode":408,"error":"Request Time-out","message":"Timed Out"}""", SendOutcome.Transient, 4, "Timed Out")]
    [InlineData("{}", SendOutcome.Transient, 4, "não indica problema no destinatário")]
    public async Task Whatsapp_numbers_errors_without_the_envelope_are_classified_by_what_they_say(
        string body, SendOutcome expected, int requests, string description)
    {
        var evolution = new FixedAnswer(HttpStatusCode.BadRequest, body);
        using var host = Host(evolution);

        var error = await Assert.ThrowsAsync<EvolutionException>(() =>
            host.Client.CheckNumbersAsync(Shop, ["5511900000060"], null, default));

        Assert.Equal(expected, error.Classification);
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains(description, error.Message);
        Assert.Equal(requests, evolution.Requests);
    }

    [Fact]
    public async Task Connection_state_refused_is_a_disconnected_state_of_its_own()
    {
        using var host = Host(new FixedAnswer(HttpStatusCode.OK, """{"instance":{"instanceName":"loja","state":"refused"}}"""));

        var result = await host.Client.GetConnectionStateAsync(Shop, null, default);

        Assert.Equal(InstanceConnectionState.Refused, result.State);
        Assert.False(result.IsOpen);
        Assert.Null(result.Reason);
    }

    [Theory]
    [InlineData(201, """{"message":"(#131026) Message Undeliverable.","type":"OAuthException","code":131026,"error_data":{"messaging_product":"whatsapp","details":"Message Undeliverable."},"fbtrace_id":"A1b2C3"}""",
        SendOutcome.RecipientFailure, "Recusada pela Meta (código 131026): (#131026) Message Undeliverable. (Evolution HTTP 201)")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["TypeError: Cannot read properties of undefined (reading 'message')"]}}""",
        SendOutcome.Transient, "TypeError: Cannot read properties of undefined (reading 'message')")]
    public async Task Sends_meta_refused_or_failed_inside_evolution_are_not_accepted_and_not_retried(
        int status, string body, SendOutcome expected, string description)
    {
        var evolution = new FixedAnswer((HttpStatusCode)status, body);
        using var host = Host(evolution);

        var result = await host.Client.SendTextAsync(Shop, "5511900000061", "Olá", null, default);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.MessageId);
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(description, result.Description);
        Assert.Equal(1, evolution.Requests);
    }

    private static ClientHost Host(FixedAnswer evolution) => ClientHost.Create("http://evolution.test",
        before: services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => evolution)));

    private sealed class FixedAnswer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            });
        }
    }
}

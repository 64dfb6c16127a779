using System.Net.Sockets;
using System.Text.RegularExpressions;
using EnvioMassa.Evolution.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.Evolution.Tests.Client;

/// <summary>The client against the simulator: every answer Evolution gives a send, and what it means.</summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class SendClassificationTests(SimulatorFixture sim) : IAsyncLifetime, IDisposable
{
    private const string Shop = SimulatorFixture.Shop;
    private readonly ClientHost _host = ClientHost.Create(sim.BaseUrl);

    private IEvolutionClient Client => _host.Client;

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Accepted_send_carries_the_key_id_and_the_jid_evolution_used()
    {
        var result = await Client.SendTextAsync(Shop, "+55 (31) 98888-7777", "Olá Ana", null, default);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(201, result.HttpStatus);
        Assert.Matches(KeyId(), result.MessageId);
        Assert.Equal("553188887777@s.whatsapp.net", result.RemoteJid);
        var logged = Assert.Single(await sim.RequestsAsync(Shop));
        Assert.Equal(result.MessageId, logged.MessageId);
        Assert.Equal("Olá Ana", logged.Text);
    }

    [Fact]
    public async Task Send_past_its_deadline_is_not_sent_at_all()
    {
        var result = await Client.SendTextAsync(Shop, "5511900000050", "Olá", null, default,
            leaveBy: DateTimeOffset.UtcNow.AddSeconds(-1));

        Assert.Equal(SendOutcome.NotSent, result.Outcome);
        Assert.Null(result.DispatchedAt);
        Assert.Contains("Não enviado", result.Description);
        Assert.Empty(await sim.RequestsAsync(Shop));
    }

    [Fact]
    public async Task Send_within_its_deadline_leaves_and_notes_when()
    {
        var antes = DateTimeOffset.UtcNow;
        var result = await Client.SendTextAsync(Shop, "5511900000051", "Olá", null, default,
            leaveBy: antes.AddSeconds(30));

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.InRange(result.DispatchedAt!.Value, antes, antes.AddSeconds(30));
        Assert.Single(await sim.RequestsAsync(Shop));
    }

    [Fact]
    public async Task Number_not_on_whatsapp_is_a_recipient_failure()
    {
        await sim.SetMissingAsync("5511900000001");

        var result = await Client.SendTextAsync(Shop, "5511900000001", "Olá", null, default);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Equal("5511900000001@s.whatsapp.net", result.RemoteJid);
        Assert.Contains("não está no WhatsApp", result.Description);
        Assert.Contains("5511900000001@s.whatsapp.net exists=false", result.Description);
    }

    [Fact]
    public async Task Random_exists_false_is_a_recipient_failure()
    {
        await sim.PutAsync("_sim/config", new { rates = new { existsFalse = 1.0 } });

        var result = await Client.SendTextAsync(Shop, "5511900000002", "Olá", null, default);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
    }

    [Fact]
    public async Task Schema_validation_failure_is_a_recipient_failure()
    {
        var result = await Client.SendMediaAsync(Shop, new SendMediaRequest("5511900000003", "sticker", "https://example.test/a.webp"), null, default);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Contains("mediatype is not one of enum values", result.Description);
    }

    [Fact]
    public async Task V1_shaped_body_fails_validation_with_a_nested_message_and_is_a_recipient_failure()
    {
        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}",
            """{"number":"5511900000004","options":{"delay":1200},"textMessage":{"text":"Olá"}}""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"status":400,"error":"Bad Request","response":{"message":[["instance requires property \"text\""]]}}""", body);
        Assert.Equal(SendOutcome.RecipientFailure, EvolutionResponseClassifier.Classify(400, body).Outcome);
    }

    [Fact]
    public async Task Blank_text_is_a_recipient_failure()
    {
        var result = await Client.SendTextAsync(Shop, "5511900000005", "   ", null, default);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Contains("Text is required", result.Description);
    }

    [Fact]
    public async Task Unknown_instance_is_an_instance_gone_even_with_a_wrong_key()
    {
        using var host = ClientHost.Create(sim.BaseUrl, apiKey: "chave-errada");

        var result = await host.Client.SendTextAsync("nao-existe", "5511900000006", "Olá", null, default);

        Assert.Equal(SendOutcome.InstanceGone, result.Outcome);
        Assert.Equal(404, result.HttpStatus);
        Assert.Contains("The \"nao-existe\" instance does not exist", result.Description);
    }

    [Fact]
    public async Task Wrong_api_key_is_an_instance_failure()
    {
        using var host = ClientHost.Create(sim.BaseUrl, apiKey: "chave-errada");

        var result = await host.Client.SendTextAsync(Shop, "5511900000007", "Olá", null, default);

        Assert.Equal(SendOutcome.InstanceFailure, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
        Assert.Equal("unauthorized", Assert.Single(await sim.RequestsAsync(Shop)).Outcome);
    }

    [Fact]
    public async Task Instance_token_is_accepted_for_its_own_instance_instead_of_the_global_key()
    {
        using var host = ClientHost.Create(sim.BaseUrl, apiKey: "chave-errada");

        var result = await host.Client.SendTextAsync(Shop, "5511900000008", "Olá", SimulatorFixture.ShopToken, default);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
    }

    [Fact]
    public async Task Instance_token_is_refused_for_another_instance()
    {
        var result = await Client.SendTextAsync(SimulatorFixture.Branch, "5511900000009", "Olá", SimulatorFixture.ShopToken, default);

        Assert.Equal(SendOutcome.InstanceFailure, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
    }

    [Fact]
    public async Task Connection_closed_is_an_instance_failure()
    {
        await sim.SetStateAsync(Shop, "close");

        var result = await Client.SendTextAsync(Shop, "5511900000010", "Olá", null, default);

        Assert.Equal(SendOutcome.InstanceFailure, result.Outcome);
        Assert.Equal(500, result.HttpStatus);
        Assert.Contains("Connection Closed", result.Description);
    }

    [Fact]
    public async Task Connection_closed_for_a_number_evolution_has_cached_is_an_instance_failure()
    {
        Assert.Equal(SendOutcome.Accepted, (await Client.SendTextAsync(Shop, "5511900000011", "1", null, default)).Outcome);
        await sim.SetStateAsync(Shop, "close");

        var result = await Client.SendTextAsync(Shop, "5511900000011", "2", null, default);

        Assert.Equal(SendOutcome.InstanceFailure, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Contains("Error: Connection Closed", result.Description);
    }

    [Theory]
    [InlineData("timed_out", 400, "Error: Timed Out")]
    [InlineData("error_5xx", 500, "Erro interno da Evolution")]
    [InlineData("too_many_requests", 429, "excesso de requisições")]
    public async Task Transient_answers_are_classified_transient_and_the_send_is_not_retried(string fault, int status, string description)
    {
        await sim.ScriptFaultAsync(fault, count: 5, instance: Shop);

        var result = await Client.SendTextAsync(Shop, "5511900000012", "Olá", null, default);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(description, result.Description);
        Assert.Equal(fault, Assert.Single(await sim.RequestsAsync(Shop)).Outcome);
    }

    [Fact]
    public async Task Client_timeout_is_transient_and_the_send_is_not_retried()
    {
        using var host = ClientHost.Create(sim.BaseUrl, sendTimeout: TimeSpan.FromMilliseconds(300));
        await sim.ScriptFaultAsync("timeout", count: 5, number: "5511900000015");

        var result = await host.Client.SendTextAsync(Shop, "5511900000015", "Olá", null, default);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Contains("tempo esgotado", result.Description);
        Assert.Single(await sim.RequestsAsync(Shop));
    }

    [Fact]
    public async Task Sends_stay_single_even_when_every_http_client_gets_a_retrying_default_handler()
    {
        using var host = ClientHost.Create(sim.BaseUrl,
            before: services => services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler()));
        await sim.ScriptFaultAsync("error_5xx", count: 5, instance: Shop);

        var result = await host.Client.SendTextAsync(Shop, "5511900000016", "Olá", null, default);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Single(await sim.RequestsAsync(Shop));
    }

    [Fact]
    public async Task Connection_refused_is_transient()
    {
        using var host = ClientHost.Create($"http://127.0.0.1:{ClosedPort()}");

        var result = await host.Client.SendTextAsync(Shop, "5511900000017", "Olá", null, default);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Contains("conectar à Evolution", result.Description);
    }

    [Fact]
    public async Task Cancelling_the_caller_token_cancels_instead_of_classifying()
    {
        await sim.ScriptFaultAsync("timeout", number: "5511900000018");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client.SendTextAsync(Shop, "5511900000018", "Olá", null, cts.Token));
    }

    [Fact]
    public async Task Media_by_url_is_accepted_with_the_same_answer_shape()
    {
        var media = new SendMediaRequest("5511900000019", "image", "https://example.test/boleto.png") { Caption = "Seu boleto" };

        var result = await Client.SendMediaAsync(Shop, media, null, default);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Matches(KeyId(), result.MessageId);
    }

    [Fact]
    public async Task Media_as_a_data_uri_is_refused_as_a_recipient_failure()
    {
        var media = new SendMediaRequest("5511900000020", "image", "data:image/png;base64,iVBORw0KGgo=");

        var result = await Client.SendMediaAsync(Shop, media, null, default);

        Assert.Equal(SendOutcome.RecipientFailure, result.Outcome);
        Assert.Contains("Owned media must be a url or base64", result.Description);
    }

    [Fact]
    public async Task Base64_document_needs_a_file_name()
    {
        var document = new SendMediaRequest("5511900000021", "document", Convert.ToBase64String("%PDF-1.4"u8.ToArray()));

        var withoutName = await Client.SendMediaAsync(Shop, document, null, default);
        var withName = await Client.SendMediaAsync(Shop, document with { FileName = "fatura.pdf" }, null, default);

        Assert.Equal(SendOutcome.RecipientFailure, withoutName.Outcome);
        Assert.Equal(SendOutcome.Accepted, withName.Outcome);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^3EB0[0-9A-F]{18}$")]
    private static partial Regex KeyId();
}

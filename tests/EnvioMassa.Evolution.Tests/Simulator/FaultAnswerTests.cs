using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.Evolution.Tests.Infrastructure;

namespace EnvioMassa.Evolution.Tests.Simulator;

/// <summary>Answers that look like something else: a 201 that is a refusal, a 400 that is a bug, errors without the envelope.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class FaultAnswerTests(SimulatorFixture sim) : IAsyncLifetime
{
    private const string Shop = SimulatorFixture.Shop;

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_cloud_api_refusal_answers_201_with_meta_s_error_and_no_key_id()
    {
        await sim.ScriptFaultAsync("cloud_refused", number: "5511900000410");

        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000410","text":"Olá"}""");

        Assert.Equal(201, (int)response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["message", "type", "code", "error_data", "fbtrace_id"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("(#131030) Recipient phone number not in allowed list", body.GetProperty("message").GetString());
        Assert.Equal("OAuthException", body.GetProperty("type").GetString());
        Assert.Equal(131030, body.GetProperty("code").GetInt32());
        Assert.Equal("whatsapp", body.GetProperty("error_data").GetProperty("messaging_product").GetString());
        var record = Assert.Single(await sim.RequestsAsync(Shop));
        Assert.Equal("cloud_refused", record.Outcome);
        Assert.Equal(201, record.StatusCode);
        Assert.Null(record.MessageId);
    }

    [Fact]
    public async Task An_internal_error_answers_400_with_the_exception_s_text()
    {
        await sim.ScriptFaultAsync("internal_error", number: "5511900000411");

        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000411","text":"Olá"}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"status":400,"error":"Bad Request","response":{"message":["TypeError: Cannot read properties of undefined (reading 'id')"]}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal("internal_error", Assert.Single(await sim.RequestsAsync(Shop)).Outcome);
    }

    [Fact]
    public async Task Random_rates_can_refuse_like_the_cloud_api_and_fail_internally()
    {
        await sim.PutAsync("_sim/config", new { seed = 7, rates = new { cloudRefused = 0.5, internalError = 0.5 } });

        for (var i = 0; i < 20; i++)
        {
            using var _ = await sim.PostEvolutionAsync($"message/sendText/{Shop}", $$"""{"number":"55119000004{{i:D2}}","text":"x"}""");
        }

        var outcomes = (await sim.RequestsAsync(Shop)).Select(r => r.Outcome).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["cloud_refused", "internal_error"], outcomes);
    }

    [Fact]
    public async Task Whatsapp_numbers_on_a_closed_instance_answers_400_with_baileys_raw_error()
    {
        await sim.SetStateAsync(Shop, "close");

        using var response = await CheckNumbersAsync("""{"numbers":["5511900000420"]}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            """{"data":null,"isBoom":true,"isServer":false,"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection Closed"},"headers":{}}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal("connection_closed", Assert.Single(await sim.RequestsAsync(Shop)).Outcome);
    }

    [Theory]
    [InlineData("""{"numbers":"5511900000421"}""", """{"status":400,"error":"Bad Request","message":[["numbers is not of a type(s) array"]]}""")]
    [InlineData("""{"numbers":[]}""", """{"status":400,"error":"Bad Request","message":[["numbers does not meet minimum length of 1"]]}""")]
    [InlineData("""{"numbers":["1","1",2]}""",
        """{"status":400,"error":"Bad Request","message":[["numbers contains duplicate item","\"numbers\" must be an array of numeric strings"]]}""")]
    [InlineData("""{}""", """{}""")]
    public async Task Whatsapp_numbers_answers_a_bad_body_400_without_the_envelope(string body, string answer)
    {
        using var response = await CheckNumbersAsync(body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Whatsapp_numbers_faults_answer_400_without_the_envelope()
    {
        await sim.ScriptFaultAsync("timed_out", instance: Shop, route: "whatsappNumbers");
        await sim.ScriptFaultAsync("internal_error", instance: Shop, route: "whatsappNumbers");

        using var timedOut = await CheckNumbersAsync("""{"numbers":["5511900000422"]}""");
        using var internalError = await CheckNumbersAsync("""{"numbers":["5511900000422"]}""");

        Assert.Equal(400, (int)timedOut.StatusCode);
        var boom = await timedOut.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Timed Out", boom.GetProperty("output").GetProperty("payload").GetProperty("message").GetString());
        Assert.Equal(408, boom.GetProperty("output").GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.String, boom.GetProperty("data").GetProperty("stack").ValueKind);
        Assert.Equal(400, (int)internalError.StatusCode);
        Assert.Equal("{}", await internalError.Content.ReadAsStringAsync());
        Assert.Equal(["timed_out", "internal_error"], (await sim.RequestsAsync(Shop)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task Whatsapp_numbers_takes_no_fault_that_evolution_cannot_answer_there()
    {
        using var response = await sim.Http.PostAsJsonAsync("_sim/faults", new { kind = "error_5xx", route = "whatsappNumbers" });

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Whatsapp_numbers_guards_still_answer_with_the_envelope()
    {
        using var response = await CheckNumbersAsync("""{"numbers":["5511900000423"]}""", apiKey: "errada");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("""{"status":401,"error":"Unauthorized","response":{"message":"Unauthorized"}}""", await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> CheckNumbersAsync(string body, string apiKey = SimulatorFixture.GlobalKey) =>
        sim.PostEvolutionAsync($"chat/whatsappNumbers/{Shop}", body, apiKey);
}

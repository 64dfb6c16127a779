using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvioMassa.Evolution.Tests.Infrastructure;

namespace EnvioMassa.Evolution.Tests.Simulator;

/// <summary>Webhooks as Evolution 2.3.6 delivers them: envelope, headers, JWT, byEvents, the global webhook, the payloads.</summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class WebhookTests(SimulatorFixture sim) : IAsyncLifetime
{
    private const string Shop = SimulatorFixture.Shop;
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await sim.ResetAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Webhook_set_enabled_without_events_fails_with_500_like_evolution_2_3_6()
    {
        using var response = await sim.PostEvolutionAsync($"webhook/set/{Shop}",
            """{"webhook":{"enabled":true,"url":"http://127.0.0.1:9/hook"}}""");

        Assert.Equal(500, (int)response.StatusCode);
    }

    [Fact]
    public async Task Webhook_set_disabled_needs_no_events_and_enabled_with_none_takes_them_all()
    {
        using var disabled = await sim.PostEvolutionAsync($"webhook/set/{Shop}", """{"webhook":{"enabled":false,"url":"http://127.0.0.1:9/hook"}}""");
        using var all = await sim.PostEvolutionAsync($"webhook/set/{Shop}", """{"webhook":{"enabled":true,"url":"http://127.0.0.1:9/hook","events":[]}}""");

        Assert.Equal(201, (int)disabled.StatusCode);
        Assert.Empty((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray());
        var events = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(31, events.Count);
        Assert.Contains("MESSAGES_UPSERT", events);
    }

    [Fact]
    public async Task Webhook_set_refuses_event_names_not_spelled_as_evolution_spells_them()
    {
        using var response = await sim.PostEvolutionAsync($"webhook/set/{Shop}",
            """{"webhook":{"enabled":true,"url":"http://127.0.0.1:9/hook","events":["CONNECTION_UPDATE","messages_update"]}}""");

        Assert.Equal(400, (int)response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("message")[0];
        Assert.StartsWith("webhook.events[1] is not one of enum values: APPLICATION_STARTUP,", Assert.Single(message.EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Connection_and_delivery_webhooks_reach_the_configured_url_with_its_headers()
    {
        using var set = await sim.PostEvolutionAsync($"webhook/set/{Shop}", $$$"""
            {"webhook":{"enabled":true,"url":"{{{_receiver.Url}}}","headers":{"x-token":"segredo"},"byEvents":false,"base64":false,
             "events":["MESSAGES_UPDATE","CONNECTION_UPDATE"]}}
            """);
        Assert.Equal(201, (int)set.StatusCode);
        using var sent = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000260","text":"x"}""");
        var keyId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetString();

        (await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new { keyId, status = "DELIVERY_ACK" })).EnsureSuccessStatusCode();
        await sim.PutAsync($"_sim/instances/{Shop}/state", new { state = "close", webhook = true });

        Assert.Collection(_receiver.Received,
            update =>
            {
                Assert.Equal("segredo", update.Token);
                Assert.Equal("messages.update", update.Body.GetProperty("event").GetString());
                Assert.Equal(Shop, update.Body.GetProperty("instance").GetString());
                Assert.Equal(keyId, update.Body.GetProperty("data").GetProperty("keyId").GetString());
                Assert.Equal("5511900000260@s.whatsapp.net", update.Body.GetProperty("data").GetProperty("remoteJid").GetString());
                Assert.Equal("DELIVERY_ACK", update.Body.GetProperty("data").GetProperty("status").GetString());
            },
            connection =>
            {
                Assert.Equal("connection.update", connection.Body.GetProperty("event").GetString());
                Assert.Equal("close", connection.Body.GetProperty("data").GetProperty("state").GetString());
                Assert.Equal(401, connection.Body.GetProperty("data").GetProperty("statusReason").GetInt32());
            });
    }

    [Fact]
    public async Task Default_webhook_target_serves_instances_without_their_own_webhook()
    {
        await sim.PutAsync("_sim/webhook-target", new { url = _receiver.Url, headers = new Dictionary<string, string> { ["x-token"] = "t" } });

        await sim.PutAsync($"_sim/instances/{SimulatorFixture.Branch}/state", new { state = "connecting", webhook = true });

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(SimulatorFixture.Branch, received.Body.GetProperty("data").GetProperty("instance").GetString());
        Assert.Equal("t", received.Token);
    }

    [Fact]
    public async Task Date_time_is_the_sao_paulo_wall_clock_marked_as_utc()
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url);

        await sim.ChangeStateAsync(Shop, "connecting");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var dateTime = received.Body.GetProperty("date_time").GetString()!;
        Assert.Matches(JavaScriptIsoTime(), dateTime);
        var behind = received.ReceivedAt - DateTimeOffset.Parse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(behind, TimeSpan.FromHours(3) - ClockTolerance, TimeSpan.FromHours(3) + ClockTolerance);
    }

    [Fact]
    public async Task Date_time_follows_the_configured_time_zone()
    {
        await using var utc = await SimulatorFixture.StartAsync("--Simulator:TimeZone=UTC");
        await utc.SetWebhookAsync(Shop, _receiver.Url);

        await utc.ChangeStateAsync(Shop, "connecting");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var dateTime = DateTimeOffset.Parse(received.Body.GetProperty("date_time").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(received.ReceivedAt - dateTime, -ClockTolerance, ClockTolerance);
    }

    [Fact]
    public async Task Configured_headers_are_sent_verbatim_and_jwt_key_becomes_a_bearer_token_signed_with_it()
    {
        // Three bytes: far below the 256 bits Microsoft.IdentityModel insists on, and jsonwebtoken signs with it all the same.
        await sim.SetWebhookAsync(Shop, _receiver.Url, new Dictionary<string, string>
        {
            ["x-token"] = "segredo",
            ["X-Tenant-Id"] = "loja 42",
            ["jwt_key"] = "k3y",
        });
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await sim.ChangeStateAsync(Shop, "connecting");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("segredo", received.Header("x-token"));
        Assert.Equal("loja 42", received.Header("X-Tenant-Id"));
        Assert.Null(received.Header("jwt_key"));

        var bearer = received.Header("Authorization")!;
        Assert.StartsWith("Bearer ", bearer, StringComparison.Ordinal);
        var parts = bearer["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);
        var signature = HMACSHA256.HashData("k3y"u8, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(Base64Url.EncodeToString(signature), parts[2]);

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        Assert.Equal(["iat", "exp", "app", "action"], claims.EnumerateObject().Select(p => p.Name));
        // Real Unix seconds: unlike date_time, the token is not shifted by the time zone.
        var iat = claims.GetProperty("iat").GetInt64();
        Assert.InRange(iat, before, after);
        Assert.Equal(iat + 600, claims.GetProperty("exp").GetInt64());
        Assert.Equal("evolution", claims.GetProperty("app").GetString());
        Assert.Equal("webhook", claims.GetProperty("action").GetString());
    }

    [Fact]
    public async Task An_empty_jwt_key_loses_the_event_for_every_webhook()
    {
        await using var global = await WebhookReceiver.StartAsync();
        await sim.SetWebhookAsync(Shop, _receiver.Url, new Dictionary<string, string> { ["jwt_key"] = "" });
        await sim.PutAsync("_sim/global-webhook", new { enabled = true, url = global.Url, events = new[] { "CONNECTION_UPDATE" } });

        var delivery = await sim.ChangeStateAsync(Shop, "connecting");

        Assert.Null(delivery);
        Assert.Empty(_receiver.Received);
        Assert.Empty(global.Received);
    }

    [Theory]
    [InlineData("send.message", "SEND_MESSAGE", "/hook/send-message")]
    [InlineData("messages.update", "MESSAGES_UPDATE", "/hook/messages-update")]
    [InlineData("messages.upsert", "MESSAGES_UPSERT", "/hook/messages-upsert")]
    [InlineData("connection.update", "CONNECTION_UPDATE", "/hook/connection-update")]
    public async Task By_events_posts_each_event_to_the_url_with_its_name_appended(string dottedEvent, string configured, string path)
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url, byEvents: true, events: [configured]);

        await RaiseAsync(dottedEvent);

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal(dottedEvent, received.Event);
        Assert.Equal(path, received.Path);
        Assert.Equal(_receiver.Url, received.Body.GetProperty("destination").GetString());
    }

    [Theory]
    [InlineData("?token=abc", "/hook", "?token=abc/connection-update")]
    [InlineData("/", "/hook//connection-update", "")]
    public async Task By_events_appends_the_name_by_plain_concatenation(string urlTail, string path, string query)
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url + urlTail, byEvents: true);

        await sim.ChangeStateAsync(Shop, "connecting");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal(path, received.Path);
        Assert.Equal(query, received.Query);
        Assert.Equal(_receiver.Url + urlTail, received.Body.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task Global_webhook_fires_besides_the_instance_webhook_with_no_custom_headers()
    {
        await using var global = await WebhookReceiver.StartAsync();
        await sim.SetWebhookAsync(Shop, _receiver.Url, new Dictionary<string, string> { ["x-token"] = "segredo", ["jwt_key"] = "k3y" });
        await sim.PutAsync("_sim/global-webhook", new { enabled = true, url = global.Url, events = new[] { "CONNECTION_UPDATE" } });

        await sim.ChangeStateAsync(Shop, "connecting");

        var own = Assert.Single(await _receiver.WaitForAsync(1));
        var server = Assert.Single(await global.WaitForAsync(1));
        Assert.Equal("segredo", own.Token);
        Assert.NotNull(own.Header("Authorization"));
        Assert.Equal(["Content-Length", "Content-Type", "Host"], server.Headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/hook", server.Path);
        // One envelope for both: the destination is the instance's URL, whoever receives it.
        Assert.Equal(own.Body.GetRawText(), server.Body.GetRawText());
        Assert.Equal(_receiver.Url, server.Body.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task Global_webhook_names_itself_with_the_event_appended_for_an_instance_without_a_webhook()
    {
        await sim.PutAsync("_sim/global-webhook", new { enabled = true, url = _receiver.Url, events = new[] { "CONNECTION_UPDATE" } });

        await sim.ChangeStateAsync(SimulatorFixture.Branch, "connecting");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal("/hook", received.Path);
        Assert.Equal(_receiver.Url + "/connection-update", received.Body.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task Global_webhook_is_configured_with_evolution_s_own_variable_names_and_comes_back_on_reset()
    {
        await using var evolution = await SimulatorFixture.StartAsync(
            "--WEBHOOK_GLOBAL_ENABLED=true",
            $"--WEBHOOK_GLOBAL_URL={_receiver.Url}",
            "--WEBHOOK_GLOBAL_WEBHOOK_BY_EVENTS=true",
            "--WEBHOOK_EVENTS_CONNECTION_UPDATE=true",
            "--WEBHOOK_EVENTS_SEND_MESSAGE=false");
        var configured = await evolution.Http.GetFromJsonAsync<JsonElement>("_sim/global-webhook");
        await evolution.PutAsync("_sim/global-webhook", new { enabled = false });
        await evolution.ResetAsync();

        await evolution.ChangeStateAsync(Shop, "connecting");

        Assert.Equal($$"""{"enabled":true,"url":"{{_receiver.Url}}","byEvents":true,"events":["CONNECTION_UPDATE"]}""", configured.GetRawText());
        var received = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal("/hook/connection-update", received.Path);
    }

    [Theory]
    [InlineData("open", 200, new[] { "instance", "wuid", "profileName", "profilePictureUrl", "state", "statusReason" })]
    [InlineData("connecting", 200, new[] { "instance", "state", "statusReason" })]
    [InlineData("close", 401, new[] { "instance", "state", "statusReason" })]
    [InlineData("refused", 428, new[] { "instance", "state", "statusReason", "wuid", "profilePictureUrl" })]
    public async Task Connection_update_carries_what_evolution_sends_for_each_state(string state, int statusReason, string[] keys)
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url);

        await sim.ChangeStateAsync(Shop, state);

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var data = received.Data;
        Assert.Equal(keys, data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Shop, data.GetProperty("instance").GetString());
        Assert.Equal(state, data.GetProperty("state").GetString());
        Assert.Equal(statusReason, data.GetProperty("statusReason").GetInt32());
        if (data.TryGetProperty("wuid", out var wuid))
        {
            Assert.Equal(received.Body.GetProperty("sender").GetString(), wuid.GetString());
            Assert.Equal(JsonValueKind.Null, data.GetProperty("profilePictureUrl").ValueKind);
        }
    }

    [Fact]
    public async Task An_instance_that_never_opened_is_refused_without_a_wuid_or_a_sender()
    {
        await sim.PutAsync("_sim/instances/nova", new { state = "connecting" });
        await sim.SetWebhookAsync("nova", _receiver.Url);

        await sim.ChangeStateAsync("nova", "refused");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal(["instance", "state", "statusReason"], received.Data.EnumerateObject().Select(p => p.Name));
        Assert.False(received.Body.TryGetProperty("sender", out _));
    }

    [Fact]
    public async Task A_refused_instance_reads_as_close_and_cannot_send()
    {
        await sim.SetStateAsync(Shop, "refused");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"instance/connectionState/{Shop}")
        {
            Headers = { { "apikey", SimulatorFixture.GlobalKey } },
        };
        using var state = await sim.Http.SendAsync(request);
        using var send = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000401","text":"x"}""");

        Assert.Equal("close", (await state.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instance").GetProperty("state").GetString());
        Assert.Equal(500, (int)send.StatusCode);
        Assert.Contains("Connection Closed", await send.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_update_carries_evolution_s_fields_and_a_repeated_status_is_not_posted()
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url, events: ["MESSAGES_UPDATE"]);
        var keyId = await SendAsync("5511900000402");

        using var delivered = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new { keyId, status = "DELIVERY_ACK" });
        using var read = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new { keyId, status = "READ" });
        using var readAgain = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new { keyId, status = "READ" });

        Assert.Equal(409, (int)readAgain.StatusCode);
        var updates = await _receiver.WaitForAsync(2);
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(
            ["keyId", "remoteJid", "fromMe", "status", "instanceId", "messageId"], u.Data.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["DELIVERY_ACK", "READ"], updates.Select(u => u.Data.GetProperty("status").GetString()));
        Assert.All(updates, u => Assert.True(u.Data.GetProperty("fromMe").GetBoolean()));
        Assert.All(updates, u => Assert.Equal("5511900000402@s.whatsapp.net", u.Data.GetProperty("remoteJid").GetString()));
        var rowIds = updates.Select(u => u.Data.GetProperty("messageId").GetString()!).Distinct().ToList();
        Assert.Matches("^cm[0-9a-z]{23}$", Assert.Single(rowIds));
    }

    [Fact]
    public async Task Messages_update_of_a_group_message_names_the_participant()
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url, events: ["MESSAGES_UPDATE"]);

        using var response = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new
        {
            keyId = "3EB0000000000000000001",
            status = "READ",
            instance = Shop,
            remoteJid = "120363000000000001@g.us",
            participant = "5511900000403@s.whatsapp.net",
        });

        response.EnsureSuccessStatusCode();
        var data = Assert.Single(await _receiver.WaitForAsync(1)).Data;
        Assert.Equal(["keyId", "remoteJid", "fromMe", "participant", "status", "instanceId", "messageId"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("5511900000403@s.whatsapp.net", data.GetProperty("participant").GetString());
    }

    [Fact]
    public async Task Messages_upsert_posts_a_reply_as_evolution_records_an_incoming_text()
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url, events: ["MESSAGES_UPSERT"]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-upsert",
            new { instance = Shop, from = "5511999990001", text = "SAIR", pushName = "Maria" });

        response.EnsureSuccessStatusCode();
        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var data = received.Data;
        Assert.Equal("messages.upsert", received.Event);
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal(["key", "pushName", "status", "message", "messageType", "messageTimestamp", "instanceId", "source"],
            data.EnumerateObject().Select(p => p.Name));
        var key = data.GetProperty("key");
        Assert.Equal(["remoteJid", "fromMe", "id", "addressingMode"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("5511999990001@s.whatsapp.net", key.GetProperty("remoteJid").GetString());
        Assert.False(key.GetProperty("fromMe").GetBoolean());
        Assert.Matches("^[0-9A-F]{32}$", key.GetProperty("id").GetString());
        Assert.Equal("pn", key.GetProperty("addressingMode").GetString());
        Assert.Equal("Maria", data.GetProperty("pushName").GetString());
        Assert.Equal("DELIVERY_ACK", data.GetProperty("status").GetString());
        Assert.Equal("""{"conversation":"SAIR"}""", data.GetProperty("message").GetRawText());
        Assert.Equal("conversation", data.GetProperty("messageType").GetString());
        Assert.InRange(data.GetProperty("messageTimestamp").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(await InstanceIdAsync(Shop), data.GetProperty("instanceId").GetString());
        Assert.Equal("android", data.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Messages_upsert_from_a_lid_addressed_chat_puts_the_phone_number_in_remote_jid_alt()
    {
        await sim.SetWebhookAsync(Shop, _receiver.Url, events: ["MESSAGES_UPSERT"]);

        using var response = await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-upsert",
            new { instance = Shop, from = "5511999990002", text = "Parar", lid = "123456789012345" });

        response.EnsureSuccessStatusCode();
        var data = Assert.Single(await _receiver.WaitForAsync(1)).Data;
        var key = data.GetProperty("key");
        Assert.Equal(["remoteJid", "remoteJidAlt", "fromMe", "id", "addressingMode"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("123456789012345@lid", key.GetProperty("remoteJid").GetString());
        Assert.Equal("5511999990002@s.whatsapp.net", key.GetProperty("remoteJidAlt").GetString());
        Assert.Equal("lid", key.GetProperty("addressingMode").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("pushName").ValueKind);
    }

    private async Task RaiseAsync(string dottedEvent)
    {
        switch (dottedEvent)
        {
            case "send.message":
                await SendAsync("5511900000404");
                break;
            case "messages.update":
                var keyId = await SendAsync("5511900000405");
                (await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-update", new { keyId, status = "SERVER_ACK" })).EnsureSuccessStatusCode();
                break;
            case "messages.upsert":
                (await sim.Http.PostAsJsonAsync("_sim/webhooks/messages-upsert", new { instance = Shop, from = "5511900000406", text = "oi" }))
                    .EnsureSuccessStatusCode();
                break;
            default:
                await sim.ChangeStateAsync(Shop, "connecting");
                break;
        }
    }

    private async Task<string> SendAsync(string number)
    {
        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", $$"""{"number":"{{number}}","text":"Olá"}""");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetString()!;
    }

    private async Task<string> InstanceIdAsync(string name) =>
        (await sim.Http.GetFromJsonAsync<JsonElement[]>("_sim/instances"))!
            .Single(i => i.GetProperty("name").GetString() == name).GetProperty("instanceId").GetString()!;

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex JavaScriptIsoTime();
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// The webhook as a real Evolution 2.3.6 calls it (shared/evolution-api.md, "Webhooks"): <c>date_time</c> in the
/// server's local time labelled Z (São Paulo, as the official image runs), the secret in a header, a Bearer JWT or the
/// URL, and <c>byEvents</c> paths. What the webhook hands to the worker is seen on the bus (<see cref="EventosPublicados"/>).
/// </summary>
public class When_evolution_calls_the_webhook(ApiFixture api) : IClassFixture<ApiFixture>
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>What Evolution writes in <c>date_time</c>: its local wall-clock time with a Z (<c>Date.now() - tzOffset</c>).</summary>
    static string RelogioDoEvolution(DateTime utc, TimeZoneInfo? fuso = null) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, fuso ?? SaoPaulo).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    static HttpRequestMessage Evento(string corpo, string? token = ApiFixture.WebhookToken, string caminho = "/webhooks/evolution")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, caminho)
        {
            Content = new StringContent(corpo, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Add("X-Webhook-Token", token);
        return request;
    }

    static string Envelope(string evento, string instancia, string data, string dateTime) => $$"""
        {"event":"{{evento}}","instance":"{{instancia}}","data":{{data}},
         "destination":"http://api/webhooks/evolution","date_time":"{{dateTime}}",
         "sender":"5511999990000@s.whatsapp.net","server_url":"http://evolution","apikey":"chave-que-nao-volta"}
        """;

    /// <summary><c>close</c>/<c>connecting</c> carry only these three fields (Baileys service).</summary>
    static string Conexao(string instancia, string estado, string dateTime) =>
        Envelope("connection.update", instancia, $$"""{"instance":"{{instancia}}","state":"{{estado}}","statusReason":401}""", dateTime);

    static string Conexao(string instancia, string estado, DateTime utc) => Conexao(instancia, estado, RelogioDoEvolution(utc));

    async Task<string> EstadoAsync(string instancia)
    {
        await using var db = api.Seed.Db();
        return (await db.Instancias.SingleAsync(i => i.EvolutionInstance == instancia)).Estado;
    }

    /// <summary>An instance whose state the monitor has just polled (our clock), with a campaign <c>enviando</c>.</summary>
    async Task<(string Instancia, int Campanha, int InstanciaId)> EnviandoAsync()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        var instanciaId = await api.Api().CriarInstanciaAsync(instancia);
        var campanha = await api.Api().CriarCampanhaAsync(await api.Api().CriarTemplateAsync(), instanciaId);
        await using var db = api.Seed.Db();
        await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, StatusCampanha.Enviando));
        await db.Instancias.Where(i => i.Id == instanciaId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Estado, EstadoInstancia.Open)
            .SetProperty(i => i.EstadoAtualizadoEm, DateTime.UtcNow));
        return (instancia, campanha, instanciaId);
    }

    Task<List<PausarCampanha>> PausaAsync(int campanha) =>
        Eventually.UntilAsync(() => Task.FromResult(api.Saga.Recebidos.OfType<PausarCampanha>().ToList()),
            ps => ps.Any(p => p.CampanhaId == campanha), TimeSpan.FromSeconds(10), $"pausa da campanha {campanha}");

    [Fact]
    public async Task A_close_dated_in_Sao_Paulo_time_pauses_the_sending_campaigns_of_the_instance()
    {
        var (instancia, enviando, instanciaId) = await EnviandoAsync();
        var rascunho = await api.Api().CriarCampanhaAsync(await api.Api().CriarTemplateAsync(), instanciaId);

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow)));

        var texto = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("chave-que-nao-volta", texto);
        Assert.Equal("close", await EstadoAsync(instancia));
        var comando = Assert.Single(await PausaAsync(enviando), p => p.CampanhaId == enviando);
        Assert.Contains(instancia, comando.Motivo);
        Assert.Contains("close", comando.Motivo);
        Assert.True(comando.PelaInstancia);
        Assert.DoesNotContain(api.Saga.Recebidos.OfType<PausarCampanha>(), p => p.CampanhaId == rascunho);
    }

    [Fact]
    public async Task A_refused_instance_is_not_connected_and_its_campaigns_pause()
    {
        var (instancia, enviando, _) = await EnviandoAsync();

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "refused", DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EstadoInstancia.Refused, await EstadoAsync(instancia));
        var comando = Assert.Single(await PausaAsync(enviando), p => p.CampanhaId == enviando);
        Assert.Contains("QR code", comando.Motivo);
    }

    [Fact]
    public async Task The_state_is_dated_by_its_receipt_on_our_clock()
    {
        var (instancia, _, _) = await EnviandoAsync();
        var antes = DateTime.UtcNow.AddMilliseconds(-5);

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow)));

        await using var db = api.Seed.Db();
        var lida = await db.Instancias.SingleAsync(i => i.EvolutionInstance == instancia);
        Assert.InRange(lida.EstadoAtualizadoEm!.Value, antes, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task An_earlier_event_of_the_instance_arriving_late_does_not_overwrite_a_later_one()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        var agora = DateTime.UtcNow;

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", agora)));
        // A retry of an event Evolution emitted 30 s before the open.
        var atrasado = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", agora.AddSeconds(-30))));

        Assert.Equal(HttpStatusCode.OK, atrasado.StatusCode);
        Assert.Contains("anterior", await atrasado.Content.ReadAsStringAsync());
        Assert.Equal("open", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task Events_of_one_instance_in_order_each_take_effect()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        var agora = DateTime.UtcNow;

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", agora)));
        await api.SemChave().SendAsync(Evento(Conexao(instancia, "connecting", agora.AddMilliseconds(1))));
        Assert.Equal("connecting", await EstadoAsync(instancia));
        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", agora.AddSeconds(2))));
        Assert.Equal("open", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task When_Evolutions_clock_moves_back_hours_the_next_event_is_still_applied()
    {
        // Evolution restarted in another time zone: from UTC to São Paulo its date_time jumps 3 h back.
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        var agora = DateTime.UtcNow;
        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", RelogioDoEvolution(agora, TimeZoneInfo.Utc))));

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", RelogioDoEvolution(agora.AddSeconds(5)))));

        Assert.Equal("close", await EstadoAsync(instancia));
    }

    [Theory]
    [InlineData("não é uma data")]
    [InlineData("")]
    public async Task An_event_whose_date_time_cannot_be_read_is_applied_in_the_order_it_arrives(string dateTime)
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", DateTime.UtcNow)));

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", dateTime)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("close", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task An_open_pauses_nothing()
    {
        var (instancia, _, _) = await EnviandoAsync();

        var response = await api.SemChave().SendAsync(Evento(Envelope("connection.update", instancia,
            $$"""{"instance":"{{instancia}}","wuid":"5511999990000@s.whatsapp.net","profileName":"Loja","profilePictureUrl":null,"state":"open","statusReason":200}""",
            RelogioDoEvolution(DateTime.UtcNow))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("pausa", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_open_resumes_only_the_campaigns_waiting_for_the_instance()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        var instanciaId = await api.Api().CriarInstanciaAsync(instancia);
        var templateId = await api.Api().CriarTemplateAsync();
        async Task<int> CampanhaAsync(string status, bool pausadaPelaInstancia, bool retomarAutomaticamente)
        {
            var id = await api.Api().CriarCampanhaAsync(templateId, instanciaId, retomarAutomaticamente: retomarAutomaticamente);
            await using var db = api.Seed.Db();
            await db.Campanhas.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, status)
                .SetProperty(c => c.PausadaPelaInstancia, pausadaPelaInstancia));
            return id;
        }

        var aguardando = await CampanhaAsync(StatusCampanha.Pausada, pausadaPelaInstancia: true, retomarAutomaticamente: true);
        await CampanhaAsync(StatusCampanha.Pausada, pausadaPelaInstancia: true, retomarAutomaticamente: false);
        await CampanhaAsync(StatusCampanha.Pausada, pausadaPelaInstancia: false, retomarAutomaticamente: true);
        await CampanhaAsync(StatusCampanha.Enviando, pausadaPelaInstancia: false, retomarAutomaticamente: true);

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Published before the answer: the count says no other campaign of the instance was asked.
        Assert.Contains("retomada automática pedida para 1 campanha(s)", await response.Content.ReadAsStringAsync());
        var retomadas = await Eventually.UntilAsync(() => Task.FromResult(api.Saga.Recebidos.OfType<RetomarCampanha>().ToList()),
            rs => rs.Any(r => r.CampanhaId == aguardando), TimeSpan.FromSeconds(10), $"retomada da campanha {aguardando}");
        Assert.True(Assert.Single(retomadas, r => r.CampanhaId == aguardando).Automatica);
    }

    // ---- the three ways to authenticate -------------------------------------------------------------------------

    /// <summary>A JWT as Evolution's <c>jwt_key</c> makes it (jsonwebtoken, HS256), built here by hand from the RFC.</summary>
    static string Jwt(string chave, DateTimeOffset emitido, int validadeSegundos = 600, string alg = "HS256")
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var iat = emitido.ToUnixTimeSeconds();
        var cabecalho = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var corpo = B64(JsonSerializer.SerializeToUtf8Bytes(new { iat, exp = iat + validadeSegundos, app = "evolution", action = "webhook" }));
        var assinatura = alg == "none" ? "" : B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(chave), Encoding.UTF8.GetBytes($"{cabecalho}.{corpo}")));
        return $"{cabecalho}.{corpo}.{assinatura}";
    }

    async Task<HttpResponseMessage> CloseAsync(string instancia, Action<HttpRequestMessage> autenticar, string caminho = "/webhooks/evolution")
    {
        var request = Evento(Conexao(instancia, "close", DateTime.UtcNow), token: null, caminho);
        autenticar(request);
        return await api.SemChave().SendAsync(request);
    }

    public static TheoryData<string> FormasAceitas => ["cabeçalho", "jwt", "url", "url com byEvents"];

    [Theory]
    [MemberData(nameof(FormasAceitas))]
    public async Task Each_way_Evolution_can_carry_the_secret_is_accepted(string forma)
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);

        var response = forma switch
        {
            "cabeçalho" => await CloseAsync(instancia, r => r.Headers.Add("x-webhook-token", ApiFixture.WebhookToken)),
            "jwt" => await CloseAsync(instancia, r => r.Headers.Add("Authorization", $"Bearer {Jwt(ApiFixture.WebhookToken, DateTimeOffset.UtcNow)}")),
            "url" => await CloseAsync(instancia, _ => { }, $"/webhooks/evolution?token={Uri.EscapeDataString(ApiFixture.WebhookToken)}"),
            // The global webhook with byEvents: Evolution appends "/connection-update" to the URL, after its query.
            _ => await CloseAsync(instancia, _ => { }, $"/webhooks/evolution?token={Uri.EscapeDataString(ApiFixture.WebhookToken)}/connection-update"),
        };

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("close", await EstadoAsync(instancia));
    }

    public static TheoryData<string> FormasRecusadas =>
    [
        "sem segredo", "cabeçalho errado", "cabeçalho vazio", "jwt de outra chave", "jwt vencido", "jwt sem assinatura",
        "jwt HS512", "jwt malformado", "url errada", "url vazia",
    ];

    [Theory]
    [MemberData(nameof(FormasRecusadas))]
    public async Task Without_a_valid_secret_the_webhook_is_refused(string forma)
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        void Bearer(HttpRequestMessage r, string token) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        var agora = DateTimeOffset.UtcNow;

        var response = forma switch
        {
            "sem segredo" => await CloseAsync(instancia, _ => { }),
            "cabeçalho errado" => await CloseAsync(instancia, r => r.Headers.Add("X-Webhook-Token", "errado")),
            "cabeçalho vazio" => await CloseAsync(instancia, r => r.Headers.Add("X-Webhook-Token", "")),
            "jwt de outra chave" => await CloseAsync(instancia, r => Bearer(r, Jwt("outra-chave", agora))),
            // Evolution makes the token once per event: a retry more than 10 min later carries an expired one.
            "jwt vencido" => await CloseAsync(instancia, r => Bearer(r, Jwt(ApiFixture.WebhookToken, agora.AddMinutes(-15)))),
            "jwt sem assinatura" => await CloseAsync(instancia, r => Bearer(r, Jwt(ApiFixture.WebhookToken, agora, alg: "none"))),
            "jwt HS512" => await CloseAsync(instancia, r => Bearer(r, Jwt(ApiFixture.WebhookToken, agora, alg: "HS512"))),
            "jwt malformado" => await CloseAsync(instancia, r => Bearer(r, "isto.nao.e-um-jwt")),
            "url errada" => await CloseAsync(instancia, _ => { }, "/webhooks/evolution?token=errado"),
            _ => await CloseAsync(instancia, _ => { }, "/webhooks/evolution?token="),
        };

        await response.ProblemaAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("desconhecido", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task The_secret_in_the_url_never_reaches_a_log_line()
    {
        var linhas = new ConcurrentQueue<string>();
        await using var verboso = api.WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Trace")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace")
            .ConfigureLogging(l => l.AddProvider(new LinhasDeLog(linhas))));
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);

        var request = Evento(Conexao(instancia, "close", DateTime.UtcNow), token: null,
            $"/webhooks/evolution?token={Uri.EscapeDataString(ApiFixture.WebhookToken)}/connection-update");
        var response = await verboso.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The host did log at Trace (the webhook's own line among them), just never the secret.
        Assert.Contains(linhas, l => l.Contains(instancia) && l.Contains("close"));
        Assert.DoesNotContain(linhas, l => l.Contains(ApiFixture.WebhookToken) || l.Contains(Uri.EscapeDataString(ApiFixture.WebhookToken)));
    }

    // ---- byEvents -----------------------------------------------------------------------------------------------

    /// <summary>Every event of Evolution 2.3.6 (<c>Events</c> in wa.types.ts), as byEvents names its path.</summary>
    public static TheoryData<string> EventosDoEvolution =>
    [
        "application.startup", "instance.create", "instance.delete", "qrcode.updated", "connection.update", "status.instance",
        "messages.set", "messages.upsert", "messages.edited", "messages.update", "messages.delete", "send.message",
        "send.message.update", "contacts.set", "contacts.upsert", "contacts.update", "presence.update", "chats.set",
        "chats.update", "chats.upsert", "chats.delete", "groups.upsert", "groups.update", "group-participants.update", "call",
        "typebot.start", "typebot.change-status", "labels.edit", "labels.association", "creds.update", "messaging-history.set",
        "remove.instance", "logout.instance",
    ];

    [Theory]
    [MemberData(nameof(EventosDoEvolution))]
    public async Task Every_byEvents_path_is_answered_200(string evento)
    {
        var caminho = "/webhooks/evolution/" + evento.Replace('.', '_').Replace('-', '_').ToLowerInvariant().Replace('_', '-');

        var response = await api.SemChave().SendAsync(Evento(Envelope(evento, "x", "{}", RelogioDoEvolution(DateTime.UtcNow)), caminho: caminho));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_close_on_the_byEvents_path_pauses_like_on_the_base_path()
    {
        var (instancia, enviando, _) = await EnviandoAsync();

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow), caminho: "/webhooks/evolution/connection-update"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await PausaAsync(enviando), p => p.CampanhaId == enviando);
    }

    // ---- messages.update and messages.upsert ----------------------------------------------------------------------

    static string KeyId() => "3EB0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    static string Atualizacao(string keyId, string status, bool fromMe = true) => Envelope("messages.update", "loja",
        $$"""{"keyId":"{{keyId}}","remoteJid":"5511999990001@s.whatsapp.net","fromMe":{{(fromMe ? "true" : "false")}},"participant":null,"status":{{status}},"instanceId":"b7c1e7a0-0000-4000-8000-000000000001"}""",
        RelogioDoEvolution(DateTime.UtcNow));

    Task<List<T>> PublicadosAsync<T>(Func<T, bool> filtro, string oQue) =>
        Eventually.UntilAsync(() => Task.FromResult(api.Eventos.Recebidos.OfType<T>().Where(filtro).ToList()),
            l => l.Count > 0, TimeSpan.FromSeconds(10), oQue);

    [Theory]
    [InlineData("\"SERVER_ACK\"", StatusEntrega.Servidor)]
    [InlineData("\"DELIVERY_ACK\"", StatusEntrega.Entregue)]
    [InlineData("\"READ\"", StatusEntrega.Lida)]
    [InlineData("\"PLAYED\"", StatusEntrega.Reproduzida)]
    [InlineData("\"ERROR\"", StatusEntrega.Falhou)]
    [InlineData("4", StatusEntrega.Lida)]
    public async Task A_delivery_status_is_handed_to_the_worker_in_our_words(string status, string entrega)
    {
        var keyId = KeyId();

        var response = await api.SemChave().SendAsync(Evento(Atualizacao(keyId, status)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var publicado = Assert.Single(await PublicadosAsync<EntregaInformada>(e => e.MessageId == keyId, $"status de {keyId}"));
        Assert.Equal(entrega, publicado.Entrega);
        Assert.Equal("loja", publicado.Instancia);
    }

    [Theory]
    [InlineData("\"PENDING\"", true)]
    [InlineData("\"DELETED\"", true)]
    [InlineData("\"READ\"", false)]
    public async Task Updates_that_say_nothing_of_a_send_are_answered_and_ignored(string status, bool fromMe)
    {
        var keyId = KeyId();

        var response = await api.SemChave().SendAsync(Evento(Atualizacao(keyId, status, fromMe)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignorado", await response.Content.ReadAsStringAsync());
    }

    static string Recebida(string key, string message, string pushName = "Ana") => Envelope("messages.upsert", "loja",
        $$"""{"key":{{key}},"pushName":"{{pushName}}","status":"DELIVERY_ACK","message":{{message}},"messageType":"conversation","messageTimestamp":1764650000,"instanceId":"b7c1e7a0-0000-4000-8000-000000000001","source":"android"}""",
        RelogioDoEvolution(DateTime.UtcNow));

    [Fact]
    public async Task A_customers_reply_is_handed_to_the_worker()
    {
        var id = KeyId();

        var response = await api.SemChave().SendAsync(Evento(Recebida(
            $$"""{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":false,"id":"{{id}}"}""", """{"conversation":" Sair "}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resposta = Assert.Single(await PublicadosAsync<RespostaRecebida>(r => r.MessageId == id, $"resposta {id}"));
        Assert.Equal("5511999990001", resposta.Telefone);
        Assert.Equal(" Sair ", resposta.Texto);
        Assert.Equal("Ana", resposta.Nome);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764650000).UtcDateTime, resposta.EnviadaEm);
    }

    [Fact]
    public async Task A_reply_from_a_lid_address_takes_the_phone_from_remoteJidAlt()
    {
        var id = KeyId();

        await api.SemChave().SendAsync(Evento(Recebida(
            $$"""{"remoteJid":"123456789012345@lid","remoteJidAlt":"5521988880002@s.whatsapp.net","addressingMode":"lid","fromMe":false,"id":"{{id}}"}""",
            """{"imageMessage":{"caption":"comprovante","mimetype":"image/jpeg"}}""")));

        var resposta = Assert.Single(await PublicadosAsync<RespostaRecebida>(r => r.MessageId == id, $"resposta {id}"));
        Assert.Equal("5521988880002", resposta.Telefone);
        Assert.Equal("comprovante", resposta.Texto);
    }

    [Theory]
    [InlineData("""{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":true,"id":"3EB0AAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{"remoteJid":"120363000000000000@g.us","fromMe":false,"id":"3EB0BBBBBBBBBBBBBBBBBB"}""")]
    [InlineData("""{"remoteJid":"status@broadcast","fromMe":false,"id":"3EB0CCCCCCCCCCCCCCCCCC"}""")]
    public async Task Our_own_messages_groups_and_statuses_are_not_replies(string key)
    {
        var response = await api.SemChave().SendAsync(Evento(Recebida(key, """{"conversation":"oi"}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignorado", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"event":"send.message","instance":"x","data":{}}""")]
    [InlineData("""{"event":"qrcode.updated","instance":"x","data":{}}""")]
    [InlineData("""{"event":"connection.update","instance":"nao-cadastrada","data":{"state":"open"}}""")]
    [InlineData("""{"event":"messages.update","instance":"x","data":[]}""")]
    public async Task Other_events_are_answered_200_and_ignored(string corpo)
    {
        var response = await api.SemChave().SendAsync(Evento(corpo));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"event": 5}""")]
    public async Task A_malformed_event_is_a_400_not_a_500(string corpo)
    {
        var response = await api.SemChave().SendAsync(Evento(corpo));

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>Every line every logger of the host writes, formatted, with its exception.</summary>
    sealed class LinhasDeLog(ConcurrentQueue<string> linhas) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Registro(categoryName, linhas);

        public void Dispose()
        {
        }

        sealed class Registro(string categoria, ConcurrentQueue<string> linhas) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                linhas.Enqueue($"{categoria} {logLevel}: {formatter(state, exception)} {state} {exception}");
        }
    }
}

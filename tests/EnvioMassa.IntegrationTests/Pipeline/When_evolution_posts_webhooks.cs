using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// The whole loop as an operator sets it up against a real Evolution: the API as its own process on a real port, the
/// simulator — which dates its webhooks in São Paulo time labelled Z, like the official image — posting to it, and the
/// worker applying what the webhook hands over.
/// </summary>
public sealed class When_evolution_posts_webhooks(ITestOutputHelper output)
{
    const string ApiKey = "chave-da-api-dos-webhooks";
    const string Segredo = "segredo-dos-webhooks-de-ponta-a-ponta";

    static readonly string[] Eventos = ["CONNECTION_UPDATE", "MESSAGES_UPDATE", "MESSAGES_UPSERT", "SEND_MESSAGE"];

    sealed class Ambiente(PipelineEnvironment env, WorkerProcess api) : IAsyncDisposable
    {
        public PipelineEnvironment Env => env;
        public WorkerProcess Api => api;
        public Uri Webhook => new(api.BaseUrl, "/webhooks/evolution");

        public HttpClient ApiHttp()
        {
            var http = new HttpClient { BaseAddress = api.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            return http;
        }

        public async ValueTask DisposeAsync()
        {
            await api.DisposeAsync();
            await env.DisposeAsync();
        }
    }

    /// <summary>
    /// The worker checks the instances only when a campaign starts (the periodic poll is 10 min away), so whatever
    /// pauses a campaign here is the webhook.
    /// </summary>
    async Task<Ambiente> AmbienteAsync(string purpose, string roles = "all")
    {
        var env = await PipelineEnvironment.CreateAsync(purpose);
        await env.StartWorkerAsync(roles, new Dictionary<string, string?> { ["Scheduler:InstanceCheckEvery"] = "00:10:00" }, output);
        var api = await DotnetProcess.StartAsync("EnvioMassa.Api", "api", env.Configuration("all", new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Evolution:WebhookToken"] = Segredo,
            ["Database:MigrateOnStartup"] = "false",
        }), "/health/ready");
        return new Ambiente(env, api);
    }

    /// <summary><c>POST /webhook/set/{instance}</c> on the simulator, as the operator's guide tells to do on Evolution.</summary>
    static async Task ConfigurarWebhookAsync(Simulator sim, string instancia, string url, Dictionary<string, string> headers, bool byEvents)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhook/set/{instancia}")
        {
            Content = JsonContent.Create(new { webhook = new { enabled = true, url, headers, byEvents, base64 = false, events = Eventos } }),
        };
        request.Headers.Add("apikey", Simulator.ApiKey);
        using var response = await sim.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"webhook/set: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static TheoryData<string> Formas => ["cabeçalho", "jwt_key"];

    [Theory]
    [MemberData(nameof(Formas))]
    public async Task A_close_pauses_the_sending_campaign_within_a_second(string forma)
    {
        await using var ambiente = await AmbienteAsync($"wh{forma[..3]}");
        var env = ambiente.Env;
        var instancia = $"loja-{forma[..3]}";
        await env.Simulator.AddInstanceAsync(instancia);
        var headers = forma == "cabeçalho"
            ? new Dictionary<string, string> { ["x-webhook-token"] = Segredo }
            : new Dictionary<string, string> { ["jwt_key"] = Segredo };
        await ConfigurarWebhookAsync(env.Simulator, instancia, ambiente.Webhook.ToString(), headers, byEvents: forma == "jwt_key");
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(instancia), destinatarios: 10, intervaloSegundos: 1);
        await env.IniciarAsync(campanha.Id);
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count(r => r.Outcome == "accepted") >= 3,
            TimeSpan.FromSeconds(30), "três envios aceitos");

        var relogio = Stopwatch.StartNew();
        using var fecha = await env.Simulator.Http.PutAsJsonAsync($"/_sim/instances/{instancia}/state", new { state = "close", webhook = true });
        var entrega = (await fecha.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhook");
        await Eventually.UntilAsync(() => env.Seed.StatusAsync(campanha.Id), s => s == StatusCampanha.Pausada, TimeSpan.FromSeconds(5),
            "campanha pausada pelo webhook", intervalo: TimeSpan.FromMilliseconds(20));
        var pausadaEm = relogio.Elapsed;

        output.Log($"{forma}: webhook {entrega}; pausada {pausadaEm.TotalMilliseconds:0} ms depois do close");
        Assert.Equal(200, entrega.GetProperty("statusCode").GetInt32());
        Assert.True(pausadaEm < TimeSpan.FromSeconds(1), $"pausada só {pausadaEm.TotalMilliseconds:0} ms depois do close");
        var final = await env.Seed.CampanhaAsync(campanha.Id);
        Assert.True(final.PausadaPelaInstancia);
        Assert.Contains(instancia, final.MotivoPausa);
        await using var db = env.Seed.Db();
        Assert.Equal(EstadoInstancia.Close, (await db.Instancias.SingleAsync(i => i.EvolutionInstance == instancia)).Estado);
    }

    /// <summary>
    /// Evolution's server-wide webhook sends no header: its secret is in the URL, and with byEvents Evolution appends the
    /// event after the query. A customer's reply through it is stored once; a close through it pauses.
    /// </summary>
    [Fact]
    public async Task The_global_webhook_with_the_secret_in_the_url_stores_replies_and_pauses()
    {
        await using var ambiente = await AmbienteAsync("whglobal");
        var env = ambiente.Env;
        const string instancia = "loja-global";
        await env.Simulator.AddInstanceAsync(instancia);
        var url = $"{ambiente.Webhook}?token={Uri.EscapeDataString(Segredo)}";
        using (var global = await env.Simulator.Http.PutAsJsonAsync("/_sim/global-webhook", new { enabled = true, url, byEvents = true, events = Eventos }))
            Assert.True(global.IsSuccessStatusCode, await global.Content.ReadAsStringAsync());
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(instancia), destinatarios: 10, intervaloSegundos: 1);
        await env.IniciarAsync(campanha.Id);
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count(r => r.Outcome == "accepted") >= 2,
            TimeSpan.FromSeconds(30), "dois envios aceitos");

        using var resposta = await env.Simulator.Http.PostAsJsonAsync("/_sim/webhooks/messages-upsert",
            new { instance = instancia, from = "5511977770001", text = "SAIR", pushName = "Ana" });
        Assert.True(resposta.IsSuccessStatusCode, await resposta.Content.ReadAsStringAsync());
        var guardadas = await Eventually.UntilAsync(async () =>
        {
            await using var db = env.Seed.Db();
            return await db.Respostas.Where(r => r.Instancia!.EvolutionInstance == instancia).ToListAsync();
        }, l => l.Count > 0, TimeSpan.FromSeconds(20), "resposta guardada");
        var guardada = Assert.Single(guardadas);
        Assert.Equal(("5511977770001", "SAIR", "Ana"), (guardada.Telefone, guardada.Texto, guardada.Nome));

        using var fecha = await env.Simulator.Http.PutAsJsonAsync($"/_sim/instances/{instancia}/state", new { state = "close", webhook = true });
        Assert.True(fecha.IsSuccessStatusCode);
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Pausada, TimeSpan.FromSeconds(5));
        var entregas = await env.Simulator.Http.GetFromJsonAsync<JsonElement>("/_sim/webhooks");
        Assert.Contains(entregas.EnumerateArray(), e => e.GetProperty("event").GetString() == "connection.update"
            && e.GetProperty("statusCode").ValueKind == JsonValueKind.Number && e.GetProperty("statusCode").GetInt32() == 200);
    }

    /// <summary>
    /// Issue 10's opt-out, end to end: a recipient replies " Saír! " (accent, case, punctuation) while the campaign
    /// sends, from the JID WhatsApp gives an old mobile (without its ninth digit). The phone is blocked, its pending
    /// row becomes <c>bloqueado</c> and is never sent, the campaign concludes counting it apart, and the phone can no
    /// longer be added to a campaign.
    /// </summary>
    [Fact]
    public async Task An_opt_out_reply_blocks_the_phone_and_its_pending_rows_everywhere()
    {
        await using var ambiente = await AmbienteAsync("whsair");
        var env = ambiente.Env;
        const string instancia = "loja-sair";
        await env.Simulator.AddInstanceAsync(instancia);
        await ConfigurarWebhookAsync(env.Simulator, instancia, ambiente.Webhook.ToString(),
            new Dictionary<string, string> { ["x-webhook-token"] = Segredo }, byEvents: false);
        var loja = await env.Seed.InstanciaAsync(instancia);
        var campanha = await env.Seed.CampanhaAsync(loja, destinatarios: 10, intervaloSegundos: 1);
        var rascunho = await env.Seed.CampanhaAsync(loja, destinatarios: 0, intervaloSegundos: 1);
        var quemSai = campanha.Telefones[^1];
        await env.IniciarAsync(campanha.Id);
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count(r => r.Outcome == "accepted") >= 2,
            TimeSpan.FromSeconds(30), "dois envios aceitos");

        // An old mobile's JID lacks the 9 (only numbers whose eight digits start 6-9 are mobiles written the old way).
        var jidSemNove = quemSai[5] >= '6' ? quemSai[..4] + quemSai[5..] : quemSai;
        output.WriteLine($"cliente {quemSai} responde de {jidSemNove}");
        using (var resposta = await env.Simulator.Http.PostAsJsonAsync("/_sim/webhooks/messages-upsert",
                   new { instance = instancia, from = jidSemNove, text = " Saír! ", pushName = "Quem sai" }))
            Assert.True(resposta.IsSuccessStatusCode, await resposta.Content.ReadAsStringAsync());
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync(instancia);
        Assert.DoesNotContain(sends, s => s.Number == quemSai || s.Number == jidSemNove);
        Assert.Equal(9, sends.Count(s => s.Outcome == "accepted"));
        var linhas = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        Assert.Equal(StatusEnvio.Bloqueado, linhas[quemSai].Status);
        Assert.Equal(0, linhas[quemSai].Tentativas);
        var lida = await env.Seed.CampanhaAsync(campanha.Id);
        Assert.Equal((10, 9, 9, 0, 1), (lida.TotalClientes, lida.Enviados, lida.Sucessos, lida.Falhas, lida.Bloqueados));

        using var http = ambiente.ApiHttp();
        var bloqueios = await http.GetFromJsonAsync<JsonElement>("/api/bloqueios");
        var bloqueio = Assert.Single(bloqueios.GetProperty("itens").EnumerateArray(), b => b.GetProperty("telefone").GetString() == quemSai);
        Assert.Equal("resposta", bloqueio.GetProperty("origem").GetString());
        int clienteId;
        await using (var db = env.Seed.Db())
            clienteId = await db.Clientes.Where(c => c.Telefone == quemSai).Select(c => c.Id).SingleAsync();
        using var inclusao = await http.PostAsJsonAsync($"/api/campanhas/{rascunho.Id}/destinatarios", new { clienteIds = new[] { clienteId } });
        var resultado = await inclusao.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (resultado.GetProperty("adicionados").GetInt32(), resultado.GetProperty("bloqueados").GetInt32()));
    }

    [Fact]
    public async Task Delivery_and_read_status_reach_the_rows_never_downgraded()
    {
        await using var ambiente = await AmbienteAsync("whentrega");
        var env = ambiente.Env;
        const string instancia = "loja-entrega";
        await env.Simulator.AddInstanceAsync(instancia);
        await ConfigurarWebhookAsync(env.Simulator, instancia, ambiente.Webhook.ToString(),
            new Dictionary<string, string> { ["x-webhook-token"] = Segredo }, byEvents: true);
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(instancia), destinatarios: 4, intervaloSegundos: 1);
        await env.IniciarAsync(campanha.Id);
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var envios = (await env.Seed.EnviosAsync(campanha.Id)).OrderBy(e => e.Id).ToList();

        // In order; out of order (and repeated, below); skipping states; an error after delivery; and an id nobody sent.
        string[][] sequencias =
        [
            ["DELIVERY_ACK", "READ"],
            ["READ", "DELIVERY_ACK"],
            ["SERVER_ACK", "PLAYED"],
            ["DELIVERY_ACK", "ERROR", "SERVER_ACK"],
        ];
        string[] esperado = [StatusEntrega.Lida, StatusEntrega.Lida, StatusEntrega.Reproduzida, StatusEntrega.Entregue];
        for (var i = 0; i < envios.Count; i++)
        {
            foreach (var status in sequencias[i])
                await AtualizarAsync(env.Simulator, envios[i].MessageId!, status);
        }
        await AtualizarAsync(env.Simulator, "3EB0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)), "READ", instancia);
        // Evolution itself posts a (keyId, status) once; the same update twice is a delivery it retried.
        using (var direto = new HttpClient { BaseAddress = ambiente.Api.BaseUrl })
        {
            foreach (var status in new[] { "DELIVERY_ACK", "SERVER_ACK" })
                Assert.Equal(HttpStatusCode.OK, (await direto.SendAsync(Atualizacao(instancia, envios[1].MessageId!, status))).StatusCode);
        }

        var aplicados = await Eventually.UntilAsync(async () => (await env.Seed.EnviosAsync(campanha.Id)).OrderBy(e => e.Id).ToList(),
            l => l.Select(e => e.Entrega).SequenceEqual(esperado), TimeSpan.FromSeconds(20), "status de entrega aplicados");
        Assert.All(aplicados, e => Assert.NotNull(e.EntregueEm));
        Assert.All(aplicados.Take(3), e => Assert.NotNull(e.LidaEm));
        Assert.Null(aplicados[3].LidaEm);

        var lida = await env.Seed.CampanhaAsync(campanha.Id);
        Assert.Equal((4, 3), (lida.Entregues, lida.Lidas));
        using var http = ambiente.ApiHttp();
        var json = await http.GetFromJsonAsync<JsonElement>($"/api/campanhas/{campanha.Id}");
        Assert.Equal((4, 3), (json.GetProperty("entregues").GetInt32(), json.GetProperty("lidas").GetInt32()));
        var resumo = await http.GetFromJsonAsync<JsonElement>($"/api/campanhas/{campanha.Id}/resumo");
        Assert.Equal((4, 3), (resumo.GetProperty("entregue").GetInt32(), resumo.GetProperty("lida").GetInt32()));
        var linhas = await http.GetFromJsonAsync<JsonElement>($"/api/campanhas/{campanha.Id}/envios?limite=10");
        Assert.Equal(esperado.Order(), linhas.EnumerateArray().Select(l => l.GetProperty("entrega").GetString()!).Order());

        var metricas = await Eventually.UntilAsync(() => MetricasDoWorkerAsync(env), m => m.Contains("enviomassa_entregas_sem_envio_total"),
            TimeSpan.FromSeconds(20), "métrica de status sem envio");
        Assert.Matches(@"enviomassa_entregas_sem_envio_total(\{[^}]*\})? 1(\D|$)", metricas);
    }

    static async Task AtualizarAsync(Simulator sim, string keyId, string status, string? instancia = null)
    {
        using var response = await sim.Http.PostAsJsonAsync("/_sim/webhooks/messages-update",
            instancia is null ? new { keyId, status } : (object)new { keyId, status, instance = instancia, remoteJid = "5511999990009@s.whatsapp.net" });
        var corpo = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"messages-update {keyId} {status}: {(int)response.StatusCode} {corpo}");
        Assert.Equal(200, JsonDocument.Parse(corpo).RootElement.GetProperty("statusCode").GetInt32());
    }

    static async Task<string> MetricasDoWorkerAsync(PipelineEnvironment env)
    {
        var endereco = env.Worker!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(endereco) };
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>
    /// 500 <c>messages.update</c> a second for 5 s, straight at the API's webhook while a campaign sends at 1 s from its
    /// own sender process: every one is answered 200, and the pacing holds (P1's gap and median).
    /// </summary>
    [Fact]
    public async Task A_burst_of_delivery_updates_does_not_slow_the_senders()
    {
        await using var ambiente = await AmbienteAsync("whrajada", roles: "scheduler,saga,counters");
        var env = ambiente.Env;
        await env.StartSenderProcessAsync("sender");
        const string instancia = "loja-rajada";
        await env.Simulator.AddInstanceAsync(instancia);
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(instancia), destinatarios: 15, intervaloSegundos: 1);
        await env.IniciarAsync(campanha.Id);
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count(r => r.Outcome == "accepted") >= 3,
            TimeSpan.FromSeconds(30), "três envios aceitos");

        var enviados = (await env.Seed.EnviosAsync(campanha.Id)).Where(e => e.MessageId is not null).Select(e => e.MessageId!).ToList();
        using var http = new HttpClient { BaseAddress = ambiente.Api.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var respostas = new List<(HttpStatusCode Status, TimeSpan Duracao)>();
        var relogio = Stopwatch.StartNew();
        for (var lote = 0; lote < 50; lote++)
        {
            // 50 at a time every 100 ms: half for messages already sent, half for ids no row has.
            var tarefas = Enumerable.Range(0, 50).Select(async i =>
            {
                var keyId = i % 2 == 0 ? enviados[(lote + i) % enviados.Count] : "3EB0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));
                var inicio = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(Atualizacao(instancia, keyId, i % 4 == 0 ? "READ" : "DELIVERY_ACK"));
                return (response.StatusCode, Stopwatch.GetElapsedTime(inicio));
            });
            respostas.AddRange(await Task.WhenAll(tarefas));
            var proximo = TimeSpan.FromMilliseconds(100 * (lote + 1)) - relogio.Elapsed;
            if (proximo > TimeSpan.Zero)
                await Task.Delay(proximo);
        }
        var duracao = relogio.Elapsed;

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var duracoes = respostas.Select(r => r.Duracao).Order().ToList();
        output.Log($"{respostas.Count} webhooks em {duracao.TotalSeconds:0.0} s ({respostas.Count / duracao.TotalSeconds:0}/s); " +
                   $"resposta p50 {duracoes[duracoes.Count / 2].TotalMilliseconds:0} ms, p99 {duracoes[duracoes.Count * 99 / 100].TotalMilliseconds:0} ms");
        Assert.All(respostas, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var sends = await env.Simulator.SendsAsync(instancia);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1)));
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            l => l.Where(e => enviados.Contains(e.MessageId!)).All(e => e.Entrega == StatusEntrega.Lida),
            TimeSpan.FromSeconds(60), "a rajada aplicada às linhas enviadas");
    }

    HttpRequestMessage Atualizacao(string instancia, string keyId, string status)
    {
        var agora = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));
        var corpo = $$"""
            {"event":"messages.update","instance":"{{instancia}}","data":{"keyId":"{{keyId}}","remoteJid":"5511999990001@s.whatsapp.net","fromMe":true,"participant":null,"status":"{{status}}","instanceId":"b7c1e7a0-0000-4000-8000-000000000001"},
             "destination":"http://api/webhooks/evolution","date_time":"{{agora:yyyy-MM-dd'T'HH:mm:ss.fff}}Z","sender":"5511999990000@s.whatsapp.net","server_url":"http://evolution","apikey":null}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/evolution/messages-update")
        {
            Content = new StringContent(corpo, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-webhook-token", Segredo);
        return request;
    }
}

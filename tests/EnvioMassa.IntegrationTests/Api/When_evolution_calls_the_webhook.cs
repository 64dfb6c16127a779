using System.Net;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_evolution_calls_the_webhook(ApiFixture api) : IClassFixture<ApiFixture>
{
    static HttpRequestMessage Evento(string corpo, string? token = ApiFixture.WebhookToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/evolution")
        {
            Content = new StringContent(corpo, System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Add("X-Webhook-Token", token);
        return request;
    }

    static string Conexao(string instancia, string estado, DateTime quando) => $$"""
        {"event":"connection.update","instance":"{{instancia}}",
         "data":{"instance":"{{instancia}}","state":"{{estado}}","statusReason":401},
         "destination":"http://api/webhooks/evolution","date_time":"{{quando:yyyy-MM-ddTHH:mm:ss.fffZ}}",
         "sender":"5511999990000@s.whatsapp.net","server_url":"http://evolution","apikey":"chave-que-nao-volta"}
        """;

    async Task<string> EstadoAsync(string instancia)
    {
        await using var db = api.Seed.Db();
        return (await db.Instancias.SingleAsync(i => i.EvolutionInstance == instancia)).Estado;
    }

    [Fact]
    public async Task A_connection_update_records_the_instance_state()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        var id = await api.Api().CriarInstanciaAsync(instancia);

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow)));

        var texto = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("chave-que-nao-volta", texto);
        var lida = await api.Api().GetJsonAsync($"/api/instancias/{id}");
        Assert.Equal("close", lida.GetProperty("estado").GetString());
    }

    [Fact]
    public async Task An_older_connection_update_arriving_late_does_not_overwrite_a_newer_one()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        var agora = DateTime.UtcNow;

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", agora)));
        var atrasado = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", agora.AddSeconds(-30))));

        Assert.Equal(HttpStatusCode.OK, atrasado.StatusCode);
        Assert.Equal("open", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task An_event_dated_in_the_future_does_not_freeze_the_state()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);

        await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow.AddYears(50))));
        await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", DateTime.UtcNow)));

        Assert.Equal("open", await EstadoAsync(instancia));
    }

    [Fact]
    public async Task A_close_pauses_the_sending_campaigns_of_the_instance()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        var instanciaId = await api.Api().CriarInstanciaAsync(instancia);
        var templateId = await api.Api().CriarTemplateAsync();
        var enviando = await api.Api().CriarCampanhaAsync(templateId, instanciaId);
        var rascunho = await api.Api().CriarCampanhaAsync(templateId, instanciaId);
        await using (var db = api.Seed.Db())
            await db.Campanhas.Where(c => c.Id == enviando).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, StatusCampanha.Enviando));

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pausa = await Eventually.UntilAsync(() => Task.FromResult(api.Saga.Recebidos.OfType<PausarCampanha>().ToList()),
            ps => ps.Any(p => p.CampanhaId == enviando), TimeSpan.FromSeconds(10), $"pausa da campanha {enviando}");
        var comando = Assert.Single(pausa, p => p.CampanhaId == enviando);
        Assert.Contains(instancia, comando.Motivo);
        Assert.Contains("close", comando.Motivo);
        Assert.True(comando.PelaInstancia);
        Assert.DoesNotContain(pausa, p => p.CampanhaId == rascunho);
    }

    [Fact]
    public async Task An_open_pauses_nothing()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        var instanciaId = await api.Api().CriarInstanciaAsync(instancia);
        var enviando = await api.Api().CriarCampanhaAsync(await api.Api().CriarTemplateAsync(), instanciaId);
        await using (var db = api.Seed.Db())
            await db.Campanhas.Where(c => c.Id == enviando).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, StatusCampanha.Enviando));

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "open", DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corpo = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("pausa", corpo);
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

    [Theory]
    [InlineData("""{"event":"messages.update","instance":"x","data":{"keyId":"3EB0AAAAAAAAAAAAAAAAAA","status":"READ"}}""")]
    [InlineData("""{"event":"messages.upsert","instance":"x","data":{"key":{"id":"1"},"message":{"conversation":"SAIR"}}}""")]
    [InlineData("""{"event":"send.message","instance":"x","data":{}}""")]
    [InlineData("""{"event":"qrcode.updated","instance":"x","data":{}}""")]
    [InlineData("""{"event":"connection.update","instance":"nao-cadastrada","data":{"state":"open"}}""")]
    public async Task Other_events_are_answered_200_and_ignored(string corpo)
    {
        var response = await api.SemChave().SendAsync(Evento(corpo));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("errado")]
    [InlineData("")]
    public async Task Without_the_shared_secret_the_webhook_is_refused(string? token)
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);

        var response = await api.SemChave().SendAsync(Evento(Conexao(instancia, "close", DateTime.UtcNow), token));

        await response.ProblemaAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("desconhecido", await EstadoAsync(instancia));
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
}

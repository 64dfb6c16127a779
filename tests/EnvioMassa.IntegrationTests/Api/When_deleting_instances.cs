using System.Net;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EnvioMassa.IntegrationTests.Api;

public class When_deleting_instances(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<int> CampanhaAsync(int instancia, string status)
    {
        var campanha = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), instancia);
        await using var db = api.Seed.Db();
        await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status));
        return campanha;
    }

    [Fact]
    public async Task A_deleted_instance_is_gone_everywhere_and_its_evolution_name_can_be_registered_again()
    {
        var nome = $"apagada-{Guid.NewGuid():N}"[..30];
        var instancia = await _http.CriarInstanciaAsync(nome);
        var concluida = await CampanhaAsync(instancia, StatusCampanha.Concluida);

        var exclusao = await _http.DeleteAsync($"/api/instancias/{instancia}");
        var lista = (await _http.GetJsonAsync("/api/instancias")).EnumerateArray().Select(i => i.Id()).ToList();
        var lida = await _http.GetAsync($"/api/instancias/{instancia}");
        var outraVez = await _http.DeleteAsync($"/api/instancias/{instancia}");
        var campanha = await _http.PostJsonAsync("/api/campanhas",
            new { nome = "x", templateId = await _http.CriarTemplateAsync(), instanciaId = instancia });
        var recadastrada = await _http.CriarInstanciaAsync(nome);

        Assert.Equal(HttpStatusCode.NoContent, exclusao.StatusCode);
        Assert.DoesNotContain(instancia, lista);
        Assert.Contains(recadastrada, (await _http.GetJsonAsync("/api/instancias")).EnumerateArray().Select(i => i.Id()));
        await lida.ProblemaAsync(HttpStatusCode.NotFound);
        await outraVez.ProblemaAsync(HttpStatusCode.NotFound);
        Assert.NotEmpty((await campanha.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("instanciaId"));
        Assert.Equal(instancia, (await _http.GetJsonAsync($"/api/campanhas/{concluida}")).GetProperty("instanciaId").GetInt32());
    }

    [Fact]
    public async Task Campaigns_on_their_way_refuse_the_deletion_naming_them_while_a_draft_does_not()
    {
        var instancia = await _http.CriarInstanciaAsync($"usada-{Guid.NewGuid():N}"[..30]);
        var enviando = await CampanhaAsync(instancia, StatusCampanha.Enviando);
        var agendada = await CampanhaAsync(instancia, StatusCampanha.Agendada);
        var pausada = await CampanhaAsync(instancia, StatusCampanha.Pausada);
        await CampanhaAsync(instancia, StatusCampanha.Rascunho);

        var response = await _http.DeleteAsync($"/api/instancias/{instancia}");

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Equal([enviando, agendada, pausada], problema.GetProperty("campanhas").EnumerateArray().Select(c => c.Id()));
        Assert.Contains("forcar=true", problema.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/instancias/{instancia}")).StatusCode);
    }

    [Fact]
    public async Task A_forced_deletion_announces_erro_for_each_campaign_on_its_way_and_says_which()
    {
        var nome = $"forcada-{Guid.NewGuid():N}"[..30];
        var instancia = await _http.CriarInstanciaAsync(nome);
        var enviando = await CampanhaAsync(instancia, StatusCampanha.Enviando);
        var pausada = await CampanhaAsync(instancia, StatusCampanha.Pausada);
        var cancelada = await CampanhaAsync(instancia, StatusCampanha.Cancelada);

        var resposta = await (await _http.DeleteAsync($"/api/instancias/{instancia}?forcar=true")).JsonAsync(HttpStatusCode.OK);

        var movidas = resposta.GetProperty("campanhasEmErro").EnumerateArray().ToList();
        Assert.Equal([enviando, pausada], movidas.Select(c => c.Id()));
        Assert.Equal([StatusCampanha.Enviando, StatusCampanha.Pausada], movidas.Select(c => c.GetProperty("status").GetString()));
        var motivo = resposta.GetProperty("motivo").GetString()!;
        Assert.Contains(nome, motivo);
        var falhas = await Eventually.UntilAsync(
            () => Task.FromResult(api.Eventos.Recebidos.OfType<CampanhaFalhou>().Where(f => f.CampanhaId == enviando || f.CampanhaId == pausada).ToList()),
            f => f.Count == 2, TimeSpan.FromSeconds(10), "CampanhaFalhou das duas campanhas");
        Assert.All(falhas, f => Assert.Equal(motivo, f.Motivo));
        Assert.DoesNotContain(api.Eventos.Recebidos.OfType<CampanhaFalhou>(), f => f.CampanhaId == cancelada);
        await (await _http.GetAsync($"/api/instancias/{instancia}")).ProblemaAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_instance_shows_its_accepted_sends_of_today_in_sao_paulo_and_of_the_last_hour_across_campaigns()
    {
        // 15:00 UTC is noon in São Paulo (UTC−3, no daylight saving since 2019): the day began at 03:00 UTC.
        var relogio = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        await using var comRelogio = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(relogio)));
        var http = comRelogio.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.ApiKey);
        var instancia = await http.CriarInstanciaAsync($"conta-{Guid.NewGuid():N}"[..30]);
        var outra = await http.CriarInstanciaAsync($"outra-{Guid.NewGuid():N}"[..30]);
        var primeira = await CampanhaAsync(instancia, StatusCampanha.Concluida);
        var segunda = await CampanhaAsync(instancia, StatusCampanha.Enviando);
        var deOutra = await CampanhaAsync(outra, StatusCampanha.Enviando);
        var clientes = await http.CriarClientesAsync(Enumerable.Range(1, 6).Select(i => ($"C{i}", (object)new { })).ToArray());
        DateTime Utc(int hora, int minuto) => new(2026, 12, 2, hora, minuto, 0, DateTimeKind.Utc);
        // Each row names the number it was sent through, as the scheduler records it.
        (int Campanha, int Instancia, string Status, DateTime? Quando)[] linhas =
        [
            (primeira, instancia, StatusEnvio.Enviado, Utc(14, 30)),   // today and the last hour
            (segunda, instancia, StatusEnvio.Enviado, Utc(14, 1)),     // today and the last hour, another campaign of the number
            (primeira, instancia, StatusEnvio.Enviado, Utc(3, 0)),     // today: midnight in São Paulo
            (segunda, instancia, StatusEnvio.Enviado, Utc(2, 59)),     // yesterday in São Paulo
            (segunda, instancia, StatusEnvio.Erro, Utc(14, 50)),       // not accepted
            (deOutra, outra, StatusEnvio.Enviado, Utc(14, 55)),        // another number
        ];
        await using (var db = api.Seed.Db())
        {
            db.Envios.AddRange(linhas.Select((l, i) => new EnvioDetalhe
            {
                CampanhaId = l.Campanha, InstanciaId = l.Instancia, ClienteId = clientes[i], Status = l.Status, DataEnvio = l.Quando,
            }));
            await db.SaveChangesAsync();
        }

        var lida = await http.GetJsonAsync($"/api/instancias/{instancia}");
        var naLista = (await http.GetJsonAsync("/api/instancias")).EnumerateArray().Single(i => i.Id() == instancia);

        foreach (var json in new[] { lida, naLista })
        {
            Assert.Equal(3, json.GetProperty("enviadosHoje").GetInt32());
            Assert.Equal(2, json.GetProperty("enviadosUltimaHora").GetInt32());
        }
    }
}

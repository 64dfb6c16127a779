using System.Net;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_deleting_templates(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task PorStatusAsync(int campanha, string status)
    {
        await using var db = api.Seed.Db();
        await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status));
    }

    [Fact]
    public async Task The_list_is_newest_first_and_a_deleted_template_is_gone_everywhere()
    {
        var antigo = await _http.CriarTemplateAsync("Olá {{nome}}, antigo.");
        var novo = await _http.CriarTemplateAsync("Olá {{nome}}, novo.");
        var excluido = await _http.CriarTemplateAsync("Olá {{nome}}, excluído.");

        var exclusao = await _http.DeleteAsync($"/api/templates/{excluido}");
        var lista = (await _http.GetJsonAsync("/api/templates?limite=1000")).EnumerateArray().Select(t => t.Id()).ToList();
        var lido = await _http.GetAsync($"/api/templates/{excluido}");
        var outraVez = await _http.DeleteAsync($"/api/templates/{excluido}");
        var campanha = await _http.PostJsonAsync("/api/campanhas",
            new { nome = "x", templateId = excluido, instanciaId = await _http.CriarInstanciaAsync($"t-{Guid.NewGuid():N}") });

        Assert.Equal(HttpStatusCode.NoContent, exclusao.StatusCode);
        Assert.DoesNotContain(excluido, lista);
        Assert.True(lista.IndexOf(novo) < lista.IndexOf(antigo), "o mais novo vem primeiro");
        await lido.ProblemaAsync(HttpStatusCode.NotFound);
        await outraVez.ProblemaAsync(HttpStatusCode.NotFound);
        Assert.NotEmpty((await campanha.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("templateId"));
        await using var db = api.Seed.Db();
        Assert.NotNull((await db.Templates.SingleAsync(t => t.Id == excluido)).ExcluidoEm);
    }

    [Fact]
    public async Task A_template_used_by_a_campaign_not_final_is_a_409_naming_it_and_free_once_it_is_final()
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"t-{Guid.NewGuid():N}");
        var rascunho = await _http.CriarCampanhaAsync(template, instancia);
        var enviando = await _http.CriarCampanhaAsync(template, instancia);
        await PorStatusAsync(enviando, StatusCampanha.Enviando);

        var recusada = await _http.DeleteAsync($"/api/templates/{template}");
        var problema = await recusada.ProblemaAsync(HttpStatusCode.Conflict);
        await PorStatusAsync(rascunho, StatusCampanha.Cancelada);
        await PorStatusAsync(enviando, StatusCampanha.Concluida);
        var aceita = await _http.DeleteAsync($"/api/templates/{template}");

        var detalhe = problema.GetProperty("detail").GetString()!;
        Assert.Contains($"{rascunho} (", detalhe);
        Assert.Contains($"{enviando} (", detalhe);
        Assert.Equal([rascunho, enviando], problema.GetProperty("campanhas").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(HttpStatusCode.NoContent, aceita.StatusCode);
        // The final campaign still shows the template it used.
        Assert.Equal(template, (await _http.GetJsonAsync($"/api/campanhas/{enviando}")).GetProperty("templateId").GetInt32());
    }

    [Fact]
    public async Task A_campaign_whose_template_was_deleted_cannot_start()
    {
        var template = await _http.CriarTemplateAsync();
        var campanha = await _http.CriarCampanhaAsync(template, await _http.CriarInstanciaAsync($"t-{Guid.NewGuid():N}"));
        await _http.IncluirAsync(campanha, new { clienteIds = await _http.CriarClientesAsync(("Ana", new { valor = "1" })) });
        // Deleted behind the API's back (the API itself refuses while the draft uses it): start validation must still see it.
        await using (var db = api.Seed.Db())
            await db.Templates.Where(t => t.Id == template).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExcluidoEm, DateTime.UtcNow));

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/iniciar", new { });

        Assert.Contains("não existe mais", (await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("templateId")[0]);
    }
}

using System.Net;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_resending_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    /// <summary>A campaign in <paramref name="final"/> whose rows ended: enviado, erro, erro, incerto, cancelado.</summary>
    async Task<(int Campanha, int Instancia, int Template, int[] Clientes)> CampanhaAsync(string final)
    {
        var instancia = await _http.CriarInstanciaAsync($"re-{Guid.NewGuid():N}"[..30]);
        var template = await _http.CriarTemplateAsync();
        var campanha = (await (await _http.PostJsonAsync("/api/campanhas",
            new { nome = "Cobrança", templateId = template, instanciaId = instancia, intervaloSegundos = 7, retomarAutomaticamente = true }))
            .JsonAsync(HttpStatusCode.Created)).Id();
        var clientes = await _http.CriarClientesAsync(Enumerable.Range(1, 5).Select(i => ($"C{i}", (object)new { })).ToArray());
        await _http.IncluirAsync(campanha, new { clienteIds = clientes });
        string[] status = [StatusEnvio.Enviado, StatusEnvio.Erro, StatusEnvio.Erro, StatusEnvio.Incerto, StatusEnvio.Cancelado];
        await using var db = api.Seed.Db();
        for (var i = 0; i < clientes.Length; i++)
            await db.Envios.Where(e => e.CampanhaId == campanha && e.ClienteId == clientes[i])
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status[i]));
        await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, final));
        return (campanha, instancia, template, clientes);
    }

    async Task<int[]> DestinatariosAsync(int campanha)
    {
        await using var db = api.Seed.Db();
        Assert.All(await db.Envios.Where(e => e.CampanhaId == campanha).Select(e => e.Status).ToListAsync(),
            s => Assert.Equal(StatusEnvio.Pendente, s));
        return await db.Envios.Where(e => e.CampanhaId == campanha).OrderBy(e => e.ClienteId).Select(e => e.ClienteId).ToArrayAsync();
    }

    [Fact]
    public async Task By_default_the_failed_rows_go_to_a_new_draft_with_the_same_settings()
    {
        var (origem, instancia, template, clientes) = await CampanhaAsync(StatusCampanha.Concluida);

        var response = await _http.PostAsync($"/api/campanhas/{origem}/reenviar", null);
        var nova = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/campanhas/{nova.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(StatusCampanha.Rascunho, nova.GetProperty("status").GetString());
        Assert.Equal(origem, nova.GetProperty("origemId").GetInt32());
        Assert.Equal(template, nova.GetProperty("templateId").GetInt32());
        Assert.Equal(instancia, nova.GetProperty("instanciaId").GetInt32());
        Assert.Equal(7, nova.GetProperty("intervaloSegundos").GetInt32());
        Assert.True(nova.GetProperty("retomarAutomaticamente").GetBoolean());
        Assert.Equal(2, nova.GetProperty("totalClientes").GetInt32());
        Assert.Equal([clientes[1], clientes[2]], await DestinatariosAsync(nova.Id()));
        Assert.Equal(origem, (await _http.GetJsonAsync($"/api/campanhas/{nova.Id()}")).GetProperty("origemId").GetInt32());
    }

    [Fact]
    public async Task Uncertain_and_cancelled_rows_go_only_when_named()
    {
        var (origem, _, _, clientes) = await CampanhaAsync(StatusCampanha.Cancelada);

        var nova = await (await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { status = new[] { "incerto", "cancelado" } }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal([clientes[3], clientes[4]], await DestinatariosAsync(nova.Id()));
    }

    [Fact]
    public async Task Another_instance_can_send_them_when_the_source_instance_was_deleted()
    {
        var (origem, instancia, _, _) = await CampanhaAsync(StatusCampanha.Erro);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/instancias/{instancia}")).StatusCode);
        var outra = await _http.CriarInstanciaAsync($"re-{Guid.NewGuid():N}"[..30]);

        var semInstancia = await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { });
        var porOutra = await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { instanciaId = outra });

        Assert.Contains("excluída", (await semInstancia.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("instanciaId")[0]);
        Assert.Equal(outra, (await porOutra.JsonAsync(HttpStatusCode.Created)).GetProperty("instanciaId").GetInt32());
    }

    [Fact]
    public async Task A_source_still_running_is_a_409_naming_its_state()
    {
        var (origem, _, _, _) = await CampanhaAsync(StatusCampanha.Pausada);

        var problema = await (await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { })).ProblemaAsync(HttpStatusCode.Conflict);

        Assert.Equal(StatusCampanha.Pausada, problema.GetProperty("statusAtual").GetString());
    }

    [Fact]
    public async Task No_row_in_those_statuses_a_deleted_template_or_a_status_that_cannot_be_resent_are_refused()
    {
        var (origem, _, template, _) = await CampanhaAsync(StatusCampanha.Concluida);

        var nenhuma = await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { status = new[] { "pendente" } });
        var enviado = await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { status = new[] { "enviado" } });
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/templates/{template}")).StatusCode);
        var semTemplate = await _http.PostJsonAsync($"/api/campanhas/{origem}/reenviar", new { });
        var inexistente = await _http.PostJsonAsync("/api/campanhas/999999/reenviar", new { });

        Assert.NotEmpty((await nenhuma.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("status"));
        Assert.Contains("erro, incerto, pendente, cancelado", (await enviado.ProblemaAsync(HttpStatusCode.BadRequest)).Erros("status")[0]);
        Assert.NotEmpty((await semTemplate.ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("templateId"));
        await inexistente.ProblemaAsync(HttpStatusCode.NotFound);
    }
}

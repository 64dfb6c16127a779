using System.Net;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_building_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<int> NovaCampanhaAsync() =>
        await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));

    [Fact]
    public async Task A_new_campaign_is_a_draft_with_the_contract_fields()
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");

        var criada = await _http.PostJsonAsync("/api/campanhas", new { nome = "Cobrança março", templateId = template, instanciaId = instancia, intervaloSegundos = 15 });
        var campanha = await criada.JsonAsync(HttpStatusCode.Created);
        var lida = await _http.GetJsonAsync($"/api/campanhas/{campanha.Id()}");

        Assert.Equal($"/api/campanhas/{campanha.Id()}", criada.Headers.Location?.OriginalString);
        Assert.Equal("rascunho", lida.GetProperty("status").GetString());
        Assert.Equal("Cobrança março", lida.GetProperty("nome").GetString());
        Assert.Equal(15, lida.GetProperty("intervaloSegundos").GetInt32());
        foreach (var contador in new[] { "totalClientes", "enviados", "sucessos", "falhas", "pendentes" })
            Assert.Equal(0, lida.GetProperty(contador).GetInt32());
        foreach (var campo in new[] { "dataInicio", "dataConclusao", "motivoPausa" })
            Assert.True(lida.TryGetProperty(campo, out _), campo);
    }

    [Fact]
    public async Task Automatic_resume_is_off_unless_asked_for_and_reads_back_as_given()
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");

        var padrao = await (await _http.PostJsonAsync("/api/campanhas", new { nome = "Padrão", templateId = template, instanciaId = instancia }))
            .JsonAsync(HttpStatusCode.Created);
        var ligada = await (await _http.PostJsonAsync("/api/campanhas",
            new { nome = "Volta sozinha", templateId = template, instanciaId = instancia, retomarAutomaticamente = true })).JsonAsync(HttpStatusCode.Created);

        Assert.False(padrao.GetProperty("retomarAutomaticamente").GetBoolean());
        Assert.True(ligada.GetProperty("retomarAutomaticamente").GetBoolean());
        var lidaPadrao = await _http.GetJsonAsync($"/api/campanhas/{padrao.Id()}");
        var lidaLigada = await _http.GetJsonAsync($"/api/campanhas/{ligada.Id()}");
        Assert.False(lidaPadrao.GetProperty("retomarAutomaticamente").GetBoolean());
        Assert.True(lidaLigada.GetProperty("retomarAutomaticamente").GetBoolean());
        Assert.False(lidaLigada.GetProperty("pausadaPelaInstancia").GetBoolean());
        await using var db = api.Seed.Db();
        Assert.True((await db.Campanhas.SingleAsync(c => c.Id == ligada.Id())).RetomarAutomaticamente);
    }

    [Fact]
    public async Task A_campaign_paused_by_its_instance_says_so()
    {
        var campanha = await NovaCampanhaAsync();
        await using (var db = api.Seed.Db())
            await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, StatusCampanha.Pausada)
                .SetProperty(c => c.PausadaPelaInstancia, true));

        var lida = await _http.GetJsonAsync($"/api/campanhas/{campanha}");

        Assert.True(lida.GetProperty("pausadaPelaInstancia").GetBoolean());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3601)]
    public async Task An_interval_outside_1_to_3600_seconds_is_a_400(int intervaloSegundos)
    {
        var response = await _http.PostJsonAsync("/api/campanhas",
            new { nome = "x", templateId = 1, instanciaId = 1, intervaloSegundos });

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains("3600", problema.Erros("intervaloSegundos")[0]);
    }

    [Fact]
    public async Task Missing_fields_are_a_400_field_by_field()
    {
        var response = await _http.PostJsonAsync("/api/campanhas", new { nome = "" });

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros("nome"));
        Assert.NotEmpty(problema.Erros("templateId"));
        Assert.NotEmpty(problema.Erros("instanciaId"));
    }

    [Fact]
    public async Task A_template_or_instance_that_does_not_exist_is_a_422()
    {
        var response = await _http.PostJsonAsync("/api/campanhas", new { nome = "x", templateId = 999999, instanciaId = 999998 });

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("999999", problema.Erros("templateId")[0]);
        Assert.Contains("999998", problema.Erros("instanciaId")[0]);
    }

    [Fact]
    public async Task Recipients_by_id_are_added_once_and_the_total_follows_the_rows()
    {
        var campanha = await NovaCampanhaAsync();
        var ids = await _http.CriarClientesAsync(("A", new { }), ("B", new { }), ("C", new { }));

        var primeiro = await _http.IncluirAsync(campanha, new { clienteIds = new[] { ids[0], ids[1], ids[0] } });
        var segundo = await _http.IncluirAsync(campanha, new { clienteIds = ids });

        Assert.Equal(2, primeiro.GetProperty("adicionados").GetInt32());
        Assert.Equal(1, primeiro.GetProperty("ignorados").GetInt32());
        Assert.Equal(1, segundo.GetProperty("adicionados").GetInt32());
        Assert.Equal(2, segundo.GetProperty("ignorados").GetInt32());
        await AssertTotalIgualAsLinhasAsync(campanha, 3);
    }

    [Fact]
    public async Task Recipients_by_a_data_filter_are_the_customers_whose_data_equals_it_exactly()
    {
        var campanha = await NovaCampanhaAsync();
        var cidade = $"Cidade-{Guid.NewGuid():N}";
        var ids = await _http.CriarClientesAsync(
            ("Campinas 1", new { cidade, plano = new { tipo = "ouro" }, dia = 10 }),
            ("Campinas 2", new { cidade, plano = new { tipo = "prata" }, dia = 10 }),
            ("Outra", new { cidade = "Outra", plano = new { tipo = "ouro" }, dia = 10 }));

        var ouro = await _http.IncluirAsync(campanha, new { filtro = new Dictionary<string, object> { ["dados.cidade"] = cidade, ["dados.plano.tipo"] = "ouro", ["dados.dia"] = 10 } });
        var outraGrafia = await _http.IncluirAsync(campanha, new { filtro = new Dictionary<string, object> { ["dados.cidade"] = cidade.ToUpperInvariant() } });
        var todosDaCidade = await _http.IncluirAsync(campanha, new { filtro = new Dictionary<string, object> { ["dados.cidade"] = cidade } });

        Assert.Equal(1, ouro.GetProperty("adicionados").GetInt32());
        Assert.Equal(0, ouro.GetProperty("ignorados").GetInt32());
        Assert.Equal(0, outraGrafia.GetProperty("adicionados").GetInt32() + outraGrafia.GetProperty("ignorados").GetInt32());
        Assert.Equal(1, todosDaCidade.GetProperty("adicionados").GetInt32());
        Assert.Equal(1, todosDaCidade.GetProperty("ignorados").GetInt32());
        await using var db = api.Seed.Db();
        var clientes = await db.Envios.Where(e => e.CampanhaId == campanha).Select(e => e.ClienteId).OrderBy(i => i).ToListAsync();
        Assert.Equal([ids[0], ids[1]], clientes);
        await AssertTotalIgualAsLinhasAsync(campanha, 2);
    }

    [Fact]
    public async Task All_customers_are_added_and_a_second_time_all_are_ignored()
    {
        var campanha = await NovaCampanhaAsync();
        var algum = await _http.CriarClientesAsync(("Já estava", new { }));
        await _http.IncluirAsync(campanha, new { clienteIds = algum });
        await using var db = api.Seed.Db();
        var total = await db.Clientes.CountAsync();

        var primeiro = await _http.IncluirAsync(campanha, new { todos = true });
        var segundo = await _http.IncluirAsync(campanha, new { todos = true });

        Assert.Equal(total - 1, primeiro.GetProperty("adicionados").GetInt32());
        Assert.Equal(1, primeiro.GetProperty("ignorados").GetInt32());
        Assert.Equal(0, segundo.GetProperty("adicionados").GetInt32());
        Assert.Equal(total, segundo.GetProperty("ignorados").GetInt32());
        await AssertTotalIgualAsLinhasAsync(campanha, total);
    }

    [Fact]
    public async Task Unknown_customer_ids_are_a_422_and_nothing_is_added()
    {
        var campanha = await NovaCampanhaAsync();
        var ids = await _http.CriarClientesAsync(("Existe", new { }));

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/destinatarios", new { clienteIds = new[] { ids[0], 987654 } });

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("987654", problema.Erros("clienteIds")[0]);
        await AssertTotalIgualAsLinhasAsync(campanha, 0);
    }

    [Fact]
    public async Task Recipients_cannot_change_once_the_campaign_left_the_draft()
    {
        var campanha = await NovaCampanhaAsync();
        await using (var db = api.Seed.Db())
            await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, StatusCampanha.Enviando));

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/destinatarios", new { todos = true });

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Equal("enviando", problema.GetProperty("statusAtual").GetString());
        Assert.Contains("enviando", problema.GetProperty("detail").GetString());
        await AssertTotalIgualAsLinhasAsync(campanha, 0);
    }

    [Theory]
    [InlineData("{}", "corpo")]
    [InlineData("""{"todos": true, "clienteIds": [1]}""", "corpo")]
    [InlineData("""{"todos": false}""", "todos")]
    [InlineData("""{"clienteIds": []}""", "clienteIds")]
    [InlineData("""{"clienteIds": [1, -2]}""", "clienteIds")]
    [InlineData("""{"filtro": {}}""", "filtro")]
    [InlineData("""{"filtro": {"cidade": "Campinas"}}""", "filtro.cidade")]
    [InlineData("""{"filtro": {"dados.a'b": "x"}}""", "filtro.dados.a'b")]
    [InlineData("""{"filtro": {"dados.cidade": {"x": 1}}}""", "filtro.dados.cidade")]
    [InlineData("""{"filtro": {"dados.cidade": null}}""", "filtro.dados.cidade")]
    public async Task A_selection_that_is_not_exactly_one_valid_form_is_a_400(string corpo, string campo)
    {
        var campanha = await NovaCampanhaAsync();

        var response = await _http.PostRawAsync($"/api/campanhas/{campanha}/destinatarios", corpo);

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros(campo));
    }

    [Fact]
    public async Task A_huge_id_list_is_a_400()
    {
        var campanha = await NovaCampanhaAsync();

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/destinatarios",
            new { clienteIds = Enumerable.Range(1, 50_001).ToArray() });

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Recipients_of_an_unknown_campaign_is_a_404()
    {
        var response = await _http.PostJsonAsync("/api/campanhas/999999/destinatarios", new { todos = true });

        await response.ProblemaAsync(HttpStatusCode.NotFound);
    }

    async Task AssertTotalIgualAsLinhasAsync(int campanhaId, int esperado)
    {
        await using var db = api.Seed.Db();
        var linhas = await db.Envios.CountAsync(e => e.CampanhaId == campanhaId);
        var campanha = await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == campanhaId);
        Assert.Equal(esperado, linhas);
        Assert.Equal(linhas, campanha.TotalClientes);
        Assert.Equal(esperado, (await _http.GetJsonAsync($"/api/campanhas/{campanhaId}")).GetProperty("totalClientes").GetInt32());
    }
}

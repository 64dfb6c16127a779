using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary><c>templateIds</c> and <c>variacao</c> of <c>POST /api/campanhas</c>, and <c>GET /previa</c>, which renders without sending.</summary>
public class When_a_campaign_has_variations(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<HttpResponseMessage> CriarAsync(object? templateIds, string? variacao = null, int? templateId = null)
    {
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");
        var corpo = new Dictionary<string, object?> { ["nome"] = "Variações", ["instanciaId"] = instancia };
        if (templateIds is not null)
            corpo["templateIds"] = templateIds;
        if (templateId is not null)
            corpo["templateId"] = templateId;
        if (variacao is not null)
            corpo["variacao"] = variacao;
        return await _http.PostJsonAsync("/api/campanhas", corpo);
    }

    [Fact]
    public async Task Up_to_five_templates_are_stored_in_order_with_the_first_as_templateId()
    {
        var ids = new[] { await _http.CriarTemplateAsync("Oi {{nome}}"), await _http.CriarTemplateAsync("Olá {{nome}}"), await _http.CriarTemplateAsync("Bom dia, {{nome}}") };

        var criada = await (await CriarAsync(ids, "alternada")).JsonAsync(HttpStatusCode.Created);
        var lida = await _http.GetJsonAsync($"/api/campanhas/{criada.Id()}");

        Assert.Equal(ids, lida.GetProperty("templateIds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(ids[0], lida.GetProperty("templateId").GetInt32());
        Assert.Equal("alternada", lida.GetProperty("variacao").GetString());
    }

    [Fact]
    public async Task One_template_is_a_list_of_one_chosen_at_random_by_default()
    {
        var template = await _http.CriarTemplateAsync();

        var criada = await (await CriarAsync(null, templateId: template)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal([template], criada.GetProperty("templateIds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("aleatoria", criada.GetProperty("variacao").GetString());
    }

    [Fact]
    public async Task Six_variations_a_repeated_one_both_fields_or_an_unknown_mode_are_a_400()
    {
        var t = await _http.CriarTemplateAsync();

        Assert.Contains("máximo é 5", string.Join(" ", (await (await CriarAsync(new[] { 1, 2, 3, 4, 5, 6 })).ProblemaAsync(HttpStatusCode.BadRequest)).Erros("templateIds")));
        Assert.Contains("repete", string.Join(" ", (await (await CriarAsync(new[] { t, t })).ProblemaAsync(HttpStatusCode.BadRequest)).Erros("templateIds")));
        Assert.Contains("não os dois", string.Join(" ", (await (await CriarAsync(new[] { t }, templateId: t)).ProblemaAsync(HttpStatusCode.BadRequest)).Erros("templateIds")));
        Assert.Contains("vazio", string.Join(" ", (await (await CriarAsync(Array.Empty<int>())).ProblemaAsync(HttpStatusCode.BadRequest)).Erros("templateIds")));
        Assert.Contains("aleatoria, alternada", string.Join(" ", (await (await CriarAsync(new[] { t }, "sorteio")).ProblemaAsync(HttpStatusCode.BadRequest)).Erros("variacao")));
    }

    [Fact]
    public async Task A_variation_that_does_not_exist_is_a_422_naming_it()
    {
        var t = await _http.CriarTemplateAsync();

        var problema = await (await CriarAsync(new[] { t, 987654 })).ProblemaAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("987654", problema.Erros("templateIds")[0]);
    }

    [Fact]
    public async Task A_template_used_as_a_variation_cannot_be_deleted_while_the_campaign_is_not_final()
    {
        var primeiro = await _http.CriarTemplateAsync("Oi {{nome}}");
        var segundo = await _http.CriarTemplateAsync("Olá {{nome}}");
        await (await CriarAsync(new[] { primeiro, segundo })).JsonAsync(HttpStatusCode.Created);

        var response = await _http.DeleteAsync($"/api/templates/{segundo}");

        await response.ProblemaAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_preview_renders_for_the_customer_with_the_first_variation_in_turn_and_sends_nothing()
    {
        var ids = new[] { await _http.CriarTemplateAsync("Oi {{nome}}, tudo bem?"), await _http.CriarTemplateAsync("Olá {{nome}}") };
        var campanha = (await (await CriarAsync(ids, "alternada")).JsonAsync(HttpStatusCode.Created)).Id();
        var cliente = (await _http.CriarClientesAsync(("Ana", new { })))[0];

        var previa = await _http.GetJsonAsync($"/api/campanhas/{campanha}/previa?clienteId={cliente}");

        Assert.Equal("Oi Ana, tudo bem?", previa.GetProperty("texto").GetString());
        Assert.Equal(1, previa.GetProperty("variacao").GetInt32());
        Assert.Equal(ids[0], previa.GetProperty("templateId").GetInt32());
    }

    [Fact]
    public async Task The_preview_of_a_missing_customer_campaign_or_a_template_that_cannot_render_is_an_error_naming_it()
    {
        var template = await _http.CriarTemplateAsync("Sua fatura de {{dados.valor}} vence hoje.");
        var campanha = (await (await CriarAsync(null, templateId: template)).JsonAsync(HttpStatusCode.Created)).Id();
        var semValor = (await _http.CriarClientesAsync(("Bia", new { })))[0];

        Assert.Contains("999999", (await (await _http.GetAsync($"/api/campanhas/{campanha}/previa?clienteId=999999")).ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("clienteId")[0]);
        await (await _http.GetAsync($"/api/campanhas/{campanha}/previa")).ProblemaAsync(HttpStatusCode.BadRequest);
        await (await _http.GetAsync($"/api/campanhas/999999/previa?clienteId={semValor}")).ProblemaAsync(HttpStatusCode.NotFound);
        Assert.Contains("valor", (await (await _http.GetAsync($"/api/campanhas/{campanha}/previa?clienteId={semValor}")).ProblemaAsync(HttpStatusCode.UnprocessableEntity)).Erros("clienteId")[0]);
    }
}

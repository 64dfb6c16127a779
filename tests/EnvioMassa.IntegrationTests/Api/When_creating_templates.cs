using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

public class When_creating_templates(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_template_with_known_placeholders_is_created()
    {
        var http = api.Api();

        var criado = await http.PostJsonAsync("/api/templates",
            new { nome = "cobranca", conteudo = "Olá {{ nome }}, sua fatura de {{dados.valor}} vence hoje ({{telefone}})." });
        var template = await criado.JsonAsync(HttpStatusCode.Created);
        var lido = await http.GetJsonAsync($"/api/templates/{template.Id()}");

        Assert.Equal($"/api/templates/{template.Id()}", criado.Headers.Location?.OriginalString);
        Assert.Equal("cobranca", lido.GetProperty("nome").GetString());
        Assert.Equal(["nome", "dados.valor", "telefone"], lido.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("Olá {{cliente}}", "{{cliente}}")]
    [InlineData("Olá {{nome}}, vence {{vencimento}}", "{{vencimento}}")]
    [InlineData("Olá {{nome", "{{nome")]
    public async Task Unknown_or_unclosed_placeholders_are_a_422_naming_them(string conteudo, string placeholder)
    {
        var response = await api.Api().PostJsonAsync("/api/templates", new { nome = "t", conteudo });

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(placeholder, problema.Erros("conteudo")[0]);
    }

    [Fact]
    public async Task An_empty_name_or_content_is_a_400()
    {
        var response = await api.Api().PostJsonAsync("/api/templates", new { nome = "", conteudo = "  " });

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros("nome"));
        Assert.NotEmpty(problema.Erros("conteudo"));
    }

    [Fact]
    public async Task An_unknown_template_is_a_404()
    {
        await (await api.Api().GetAsync("/api/templates/999999")).ProblemaAsync(HttpStatusCode.NotFound);
    }
}

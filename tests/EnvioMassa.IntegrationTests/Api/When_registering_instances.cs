using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

public class When_registering_instances(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_instance_is_created_and_its_evolution_key_is_never_echoed()
    {
        const string segredo = "token-secreto-da-instancia-123";
        var http = api.Api();

        var criada = await http.PostJsonAsync("/api/instancias", new { nome = "Loja Centro", evolutionInstance = "loja-centro", apiKey = segredo });
        var texto = await criada.Content.ReadAsStringAsync();
        var instancia = await criada.JsonAsync(HttpStatusCode.Created);
        var lida = await http.GetAsync($"/api/instancias/{instancia.Id()}");
        var textoLido = await lida.Content.ReadAsStringAsync();

        Assert.Equal($"/api/instancias/{instancia.Id()}", criada.Headers.Location?.OriginalString);
        Assert.Equal("Loja Centro", instancia.GetProperty("nome").GetString());
        Assert.Equal("loja-centro", instancia.GetProperty("evolutionInstance").GetString());
        Assert.Equal("desconhecido", instancia.GetProperty("estado").GetString());
        Assert.Equal(HttpStatusCode.OK, lida.StatusCode);
        Assert.DoesNotContain(segredo, texto);
        Assert.DoesNotContain(segredo, textoLido);
        Assert.DoesNotContain("apiKey", textoLido);
        await using var db = api.Seed.Db();
        Assert.Equal(segredo, db.Instancias.Single(i => i.Id == instancia.Id()).ApiKey);
    }

    [Fact]
    public async Task The_same_evolution_instance_twice_is_a_conflict()
    {
        var http = api.Api();
        await http.CriarInstanciaAsync("duplicada");

        var response = await http.PostJsonAsync("/api/instancias", new { nome = "outra", evolutionInstance = "duplicada" });

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Contains("duplicada", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Empty_names_are_refused_field_by_field()
    {
        var response = await api.Api().PostJsonAsync("/api/instancias", new { nome = " ", evolutionInstance = "com espaço" });

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros("nome"));
        Assert.NotEmpty(problema.Erros("evolutionInstance"));
    }

    [Theory]
    [InlineData("/api/instancias/999999")]
    [InlineData("/api/instancias/abc")]
    public async Task An_unknown_instance_is_a_404(string rota)
    {
        var response = await api.Api().GetAsync(rota);

        await response.ProblemaAsync(HttpStatusCode.NotFound);
    }
}

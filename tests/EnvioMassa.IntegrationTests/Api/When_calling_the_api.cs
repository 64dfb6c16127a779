using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

public class When_calling_the_api(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string> Rotas => new()
    {
        { "GET", "/api/clientes" },
        { "POST", "/api/clientes" },
        { "POST", "/api/clientes/importar" },
        { "POST", "/api/instancias" },
        { "GET", "/api/instancias/1" },
        { "POST", "/api/templates" },
        { "POST", "/api/campanhas" },
        { "GET", "/api/campanhas" },
        { "GET", "/api/campanhas/1" },
        { "POST", "/api/campanhas/1/destinatarios" },
        { "POST", "/api/campanhas/1/iniciar" },
        { "POST", "/api/campanhas/1/pausar" },
        { "POST", "/api/campanhas/1/retomar" },
        { "POST", "/api/campanhas/1/cancelar" },
        { "GET", "/api/campanhas/1/resumo" },
        { "GET", "/api/campanhas/1/envios" },
    };

    [Theory]
    [MemberData(nameof(Rotas))]
    public async Task Without_the_key_every_api_route_answers_401_in_portuguese(string metodo, string rota)
    {
        var response = await api.SemChave().SendAsync(new HttpRequestMessage(new HttpMethod(metodo), rota));

        var problema = await response.ProblemaAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problema.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Rotas))]
    public async Task With_a_wrong_key_every_api_route_answers_401(string metodo, string rota)
    {
        var request = new HttpRequestMessage(new HttpMethod(metodo), rota);
        request.Headers.Add("X-Api-Key", ApiFixture.ApiKey + "x");

        var response = await api.SemChave().SendAsync(request);

        var problema = await response.ProblemaAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("não é válida", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_the_key_the_api_answers()
    {
        var response = await api.Api().GetAsync("/api/clientes");

        await response.JsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task Health_and_metrics_need_no_key(string rota)
    {
        var response = await api.SemChave().GetAsync(rota);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_key_does_not_open_the_webhook()
    {
        var response = await api.Api().PostRawAsync("/webhooks/evolution", """{"event":"connection.update","instance":"x","data":{"state":"close"}}""");

        await response.ProblemaAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_in_portuguese()
    {
        var response = await api.Api().GetAsync("/api/nao-existe");

        await response.ProblemaAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem_in_portuguese()
    {
        var response = await api.Api().DeleteAsync("/api/clientes");

        await response.ProblemaAsync(HttpStatusCode.MethodNotAllowed);
    }
}

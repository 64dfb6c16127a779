using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>Whatever arrives, the answer is a 4xx problem in Portuguese, never a 500.</summary>
public class When_sending_bad_input(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string> Rotas =>
    [
        "/api/instancias", "/api/clientes", "/api/templates", "/api/campanhas",
        "/api/campanhas/1/destinatarios", "/api/campanhas/1/iniciar", "/api/campanhas/1/pausar",
    ];

    public static TheoryData<string, string> Corpos
    {
        get
        {
            var data = new TheoryData<string, string>();
            string[] corpos =
            [
                "{", "{\"nome\": ", "nao é json", "\"texto\"", "42", "[1, 2", "{\"nome\": \"a\"}}",
                "{\"nome\": [1], \"intervaloSegundos\": \"dez\"}", "{\"templateId\": 1.5}",
                "{\"intervaloSegundos\": 99999999999999}", "{\"clienteIds\": [\"a\"]}", "{\"clienteIds\": {\"x\": 1}}",
                "{\"agendarPara\": 5}", "{\"motivo\": {}}", "{\"filtro\": [1]}", "{\"todos\": \"sim\"}",
                "{\"nome\": \"x\", \"templateId\": 1, \"instanciaId\": 1, \"retomarAutomaticamente\": \"sim\"}",
            ];
            foreach (var rota in Rotas)
                foreach (var corpo in corpos)
                    data.Add(rota, corpo);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Corpos))]
    public async Task Malformed_or_mistyped_bodies_are_a_4xx_problem_never_a_500(string rota, string corpo)
    {
        var response = await api.Api().PostRawAsync(rota, corpo);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{rota} {corpo}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await response.ProblemaAsync(response.StatusCode);
    }

    [Fact]
    public async Task A_mistyped_field_is_named_in_the_answer()
    {
        var response = await api.Api().PostRawAsync("/api/campanhas", """{"nome": "x", "templateId": 1, "instanciaId": 1, "intervaloSegundos": "dez"}""");

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains("intervaloSegundos", problema.GetProperty("detail").GetString());
        Assert.NotEmpty(problema.Erros("intervaloSegundos"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_saying_where()
    {
        var response = await api.Api().PostRawAsync("/api/templates", "{\"nome\": \"a\",\n \"conteudo\": }");

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains("linha 2", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await api.Api().PostRawAsync("/api/templates", "nome=a", "application/x-www-form-urlencoded");

        await response.ProblemaAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var response = await api.Api().PostAsync("/api/campanhas", null);

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_huge_customer_list_is_a_400_before_anything_is_stored()
    {
        var corpo = "[" + string.Join(",", Enumerable.Repeat("""{"nome":"x","telefone":"1"}""", 50_001)) + "]";

        var response = await api.Api().PostRawAsync("/api/clientes", corpo);

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains("50000", problema.Erros("clientes")[0]);
    }

    [Fact]
    public async Task A_route_id_out_of_range_is_a_404_not_a_500()
    {
        var response = await api.Api().GetAsync("/api/campanhas/99999999999999999999");

        await response.ProblemaAsync(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.IntegrationTests.Api;

public partial class When_calling_the_api(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Every route the API maps under <c>/api</c>, read from the running app, with ids filled in.</summary>
    IReadOnlyList<(string Metodo, string Rota)> RotasDaApi() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + Parametro().Replace(e.RoutePattern.RawText!.TrimStart('/'), "1"))))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parametro();

    async Task<List<string>> ProblemasSemChaveAsync(Action<HttpRequestMessage> preparar, string detalheEsperado)
    {
        var rotas = RotasDaApi();
        Assert.Contains(("POST", "/api/campanhas/1/iniciar"), rotas);
        var erradas = new List<string>();
        foreach (var (metodo, rota) in rotas)
        {
            var request = new HttpRequestMessage(new HttpMethod(metodo), rota);
            preparar(request);
            var response = await api.SemChave().SendAsync(request);
            var corpo = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !corpo.Contains(detalheEsperado))
                erradas.Add($"{metodo} {rota}: {(int)response.StatusCode} {corpo}");
        }
        return erradas;
    }

    [Fact]
    public async Task Without_the_key_every_api_route_answers_401_in_portuguese()
    {
        var erradas = await ProblemasSemChaveAsync(_ => { }, "X-Api-Key");
        Assert.True(erradas.Count == 0, string.Join(Environment.NewLine, erradas));
    }

    [Fact]
    public async Task With_a_wrong_key_every_api_route_answers_401()
    {
        var erradas = await ProblemasSemChaveAsync(r => r.Headers.Add("X-Api-Key", ApiFixture.ApiKey + "x"), "não é válida");
        Assert.True(erradas.Count == 0, string.Join(Environment.NewLine, erradas));
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

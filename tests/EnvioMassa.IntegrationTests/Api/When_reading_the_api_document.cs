using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>The OpenAPI document is the contract a script is written against: every route the API maps is in it, described.</summary>
public partial class When_reading_the_api_document(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\??\}")]
    private static partial Regex Parametro();

    /// <summary>Every route the running API maps, as (method, OpenAPI path): read from the app, not from a list.</summary>
    IReadOnlyList<(string Metodo, string Caminho)> RotasMapeadas() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Rota: "/" + e.RoutePattern.RawText!.TrimStart('/'), Metodos: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            // The document and its reader describe the API; they are not part of it.
            .Where(e => !e.Rota.StartsWith("/openapi", StringComparison.Ordinal) && !e.Rota.StartsWith("/scalar", StringComparison.Ordinal))
            .SelectMany(e => e.Metodos.Select(m => (m.ToLowerInvariant(), Parametro().Replace(e.Rota, "{$1}").TrimEnd('/') is { Length: > 0 } c ? c : "/")))
            .Distinct()
            .ToList();

    async Task<JsonElement> DocumentoAsync()
    {
        var response = await api.SemChave().GetAsync("/openapi/v1.json");
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Should_list_every_mapped_route_with_its_method()
    {
        var paths = (await DocumentoAsync()).GetProperty("paths");
        var rotas = RotasMapeadas();

        Assert.Contains(rotas, r => r.Caminho == "/api/campanhas/{id}/iniciar");
        Assert.Contains(rotas, r => r.Caminho == "/health/ready");
        var faltando = rotas.Where(r => !paths.TryGetProperty(r.Caminho, out var item) || !item.TryGetProperty(r.Metodo, out _))
            .Select(r => $"{r.Metodo.ToUpperInvariant()} {r.Caminho}").ToList();
        Assert.True(faltando.Count == 0, "Rotas fora do documento: " + string.Join(", ", faltando));
    }

    [Fact]
    public async Task Should_describe_the_success_and_the_problems_of_every_api_route()
    {
        var documento = await DocumentoAsync();
        var incompletas = new List<string>();
        foreach (var (metodo, caminho) in RotasMapeadas().Where(r => r.Caminho.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var operacao = documento.GetProperty("paths").GetProperty(caminho).GetProperty(metodo);
            var respostas = operacao.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var sucesso = respostas.Where(r => r.Key.StartsWith('2')).ToList();
            if (sucesso.Count == 0)
                incompletas.Add($"{metodo} {caminho}: sem resposta 2xx");
            if (sucesso.Any(r => r.Key != "204" && !r.Value.TryGetProperty("content", out _)))
                incompletas.Add($"{metodo} {caminho}: 2xx sem tipo");
            if (!respostas.TryGetValue("401", out var naoAutorizado) || !naoAutorizado.GetProperty("content").TryGetProperty("application/problem+json", out _))
                incompletas.Add($"{metodo} {caminho}: sem 401 em problem details");
            if (caminho.Contains("{id}") && !respostas.ContainsKey("404"))
                incompletas.Add($"{metodo} {caminho}: sem 404");
            if (!operacao.TryGetProperty("summary", out var resumo) || string.IsNullOrWhiteSpace(resumo.GetString()))
                incompletas.Add($"{metodo} {caminho}: sem resumo");
            if (!operacao.TryGetProperty("security", out var seguranca) || seguranca.GetArrayLength() == 0)
                incompletas.Add($"{metodo} {caminho}: sem a chave X-Api-Key");
        }
        Assert.True(incompletas.Count == 0, string.Join(Environment.NewLine, incompletas));
    }

    [Fact]
    public async Task Should_give_an_example_of_the_campaign_body_and_the_api_key_scheme()
    {
        var documento = await DocumentoAsync();

        var esquema = documento.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("header", esquema.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", esquema.GetProperty("name").GetString());
        var campanha = documento.GetProperty("components").GetProperty("schemas").GetProperty("CampanhaEntrada");
        var exemplo = campanha.GetProperty("examples")[0];
        Assert.Equal("Cobrança dezembro", exemplo.GetProperty("nome").GetString());
        Assert.True(campanha.GetProperty("properties").TryGetProperty("intervaloSegundos", out _));
    }

    [Theory]
    [InlineData("/api/campanhas", "post", true)]
    [InlineData("/api/clientes", "post", true)]
    [InlineData("/api/campanhas/{id}/iniciar", "post", true)]
    [InlineData("/api/campanhas/{id}/pausar", "post", false)]
    public async Task Should_name_the_idempotency_key_where_the_route_honours_it(string caminho, string metodo, bool aceita)
    {
        var operacao = (await DocumentoAsync()).GetProperty("paths").GetProperty(caminho).GetProperty(metodo);
        var cabecalhos = operacao.TryGetProperty("parameters", out var parametros)
            ? parametros.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
            : [];

        Assert.Equal(aceita, cabecalhos.Contains("Idempotency-Key"));
    }

    [Fact]
    public async Task Should_show_the_reference_at_scalar_without_the_key()
    {
        var response = await api.SemChave().GetAsync("/scalar");
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently)
            response = await api.SemChave().GetAsync(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", html);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>Small helpers to call the API as an operator's script would, and to read its answers.</summary>
public static class ApiHttp
{
    static int _telefone = Random.Shared.Next(10_000_000, 80_000_000);

    /// <summary>A Brazilian mobile number no other test uses, as a person would type it.</summary>
    public static string NovoTelefone()
    {
        var n = Interlocked.Increment(ref _telefone);
        return $"+55 11 9{n / 10000:D4}-{n % 10000:D4}";
    }

    public static string Digitos(string telefone) => new(telefone.Where(char.IsAsciiDigit).ToArray());

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object corpo) =>
        http.PostAsJsonAsync(url, corpo);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string url, string corpo, string contentType = "application/json") =>
        http.PostAsync(url, new StringContent(corpo, Encoding.UTF8, contentType));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode esperado)
    {
        var texto = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == esperado, $"Esperado {(int)esperado}, veio {(int)response.StatusCode}: {texto}");
        return JsonDocument.Parse(texto).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with a Portuguese title and detail, and returns it.</summary>
    public static async Task<JsonElement> ProblemaAsync(this HttpResponseMessage response, HttpStatusCode esperado)
    {
        var problema = await response.JsonAsync(esperado);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)esperado, problema.GetProperty("status").GetInt32());
        var titulo = problema.GetProperty("title").GetString();
        Assert.False(string.IsNullOrWhiteSpace(titulo));
        Assert.DoesNotContain(titulo!, Ingleses);
        if (problema.TryGetProperty("detail", out var detalhe))
            Assert.DoesNotContain("   at ", detalhe.GetString());
        return problema;
    }

    static readonly string[] Ingleses =
    [
        "Bad Request", "Unauthorized", "Not Found", "Conflict", "Unprocessable Entity", "Internal Server Error",
        "Service Unavailable", "One or more validation errors occurred.", "An error occurred while processing your request.",
        "Method Not Allowed", "Payload Too Large", "Unsupported Media Type",
    ];

    public static string[] Erros(this JsonElement problema, string campo) =>
        problema.GetProperty("errors").GetProperty(campo).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static int Id(this JsonElement json) => json.GetProperty("id").GetInt32();

    public static async Task<int> CriarInstanciaAsync(this HttpClient http, string evolutionInstance) =>
        (await (await http.PostJsonAsync("/api/instancias", new { nome = evolutionInstance, evolutionInstance }))
            .JsonAsync(HttpStatusCode.Created)).Id();

    public static async Task<int> CriarTemplateAsync(this HttpClient http, string conteudo = "Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje.") =>
        (await (await http.PostJsonAsync("/api/templates", new { nome = "cobranca", conteudo }))
            .JsonAsync(HttpStatusCode.Created)).Id();

    public static async Task<int> CriarCampanhaAsync(this HttpClient http, int templateId, int instanciaId, int intervaloSegundos = 10,
        bool retomarAutomaticamente = false) =>
        (await (await http.PostJsonAsync("/api/campanhas", new { nome = "Cobrança", templateId, instanciaId, intervaloSegundos, retomarAutomaticamente }))
            .JsonAsync(HttpStatusCode.Created)).Id();

    /// <summary>Creates customers (nome, dados) with fresh phones and returns their ids in order.</summary>
    public static async Task<int[]> CriarClientesAsync(this HttpClient http, params (string Nome, object Dados)[] clientes)
    {
        var resposta = await (await http.PostJsonAsync("/api/clientes",
            clientes.Select(c => new { nome = c.Nome, telefone = NovoTelefone(), dados = c.Dados }).ToArray())).JsonAsync(HttpStatusCode.OK);
        return resposta.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray();
    }

    public static async Task<JsonElement> IncluirAsync(this HttpClient http, int campanhaId, object selecao) =>
        await (await http.PostJsonAsync($"/api/campanhas/{campanhaId}/destinatarios", selecao)).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url) =>
        await (await http.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
}

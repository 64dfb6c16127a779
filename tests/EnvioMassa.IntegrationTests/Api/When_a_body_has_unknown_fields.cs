extern alias ApiHost;

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ApiHost::EnvioMassa.Api.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static EnvioMassa.IntegrationTests.Api.ApiHttp;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// A field the API does not know is refused, naming it, instead of being ignored (a misspelt <c>intervaloSegudos</c>
/// would otherwise start a campaign at the default pace); Evolution's webhook envelopes stay open.
/// </summary>
public class When_a_body_has_unknown_fields(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, string> Misspelt => new()
    {
        { "/api/instancias", """{"nome": "loja", "evolutionInstance": "loja", "apiKei": "k"}""", "apiKei" },
        { "/api/clientes", """[{"nome": "Ana", "telefone": "11999990001"}, {"nome": "Bia", "telefon": "11999990002"}]""", "[1].telefon" },
        { "/api/templates", """{"nome": "a", "conteudo": "Olá {{nome}}", "conteudos": "b"}""", "conteudos" },
        { "/api/campanhas", """{"nome": "x", "templateId": 1, "instanciaId": 1, "intervaloSegudos": 10}""", "intervaloSegudos" },
        { "/api/campanhas", """{"nome": "x", "templateId": 1, "instanciaId": 1, "verificarNumero": true}""", "verificarNumero" },
        { "/api/campanhas", """{"nome": "x", "templateId": 1, "instanciaId": 1, "janela": {"inicio": "08:00", "fim": "20:00", "horas": 8}}""", "janela.horas" },
        { "/api/campanhas/1/destinatarios", """{"todos": true, "filtros": {"dados.cidade": "Campinas"}}""", "filtros" },
        { "/api/campanhas/1/iniciar", """{"agendar": "2030-01-01T09:00:00-03:00"}""", "agendar" },
        { "/api/campanhas/1/pausar", """{"motivos": "almoço"}""", "motivos" },
        { "/api/campanhas/1/reenviar", """{"status": ["erro"], "instancia": 2}""", "instancia" },
    };

    [Theory]
    [MemberData(nameof(Misspelt))]
    public async Task A_misspelt_field_is_a_400_naming_it(string rota, string corpo, string campo)
    {
        var response = await api.Api().PostRawAsync(rota, corpo);

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros(campo));
        Assert.StartsWith($"Campo desconhecido '{campo}'.", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_answer_lists_the_fields_the_route_accepts()
    {
        var response = await api.Api().PostRawAsync("/api/templates", """{"nome": "a", "texto": "Olá"}""");

        var detalhe = (await response.ProblemaAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        Assert.Contains("nome, conteudo", detalhe);
    }

    [Fact]
    public async Task Nothing_is_stored_when_one_customer_of_the_list_has_an_unknown_field()
    {
        var telefone = NovoTelefone();

        var response = await api.Api().PostRawAsync("/api/clientes",
            $$"""[{"nome": "Antes", "telefone": "{{telefone}}"}, {"nome": "Depois", "telefone": "{{NovoTelefone()}}", "cidade": "Campinas"}]""");

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
        await using var db = api.Seed.Db();
        Assert.False(await db.Clientes.AnyAsync(c => c.Telefone == Digitos(telefone)));
    }

    [Fact]
    public async Task Field_names_still_match_whatever_their_case()
    {
        var response = await api.Api().PostRawAsync("/api/templates", """{"Nome": "maiusculas", "CONTEUDO": "Olá {{nome}}"}""");

        await response.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_filter_stays_an_open_dictionary_of_dados_fields()
    {
        var http = api.Api();
        var campanha = await http.CriarCampanhaAsync(await http.CriarTemplateAsync(), await http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));

        var resposta = await http.IncluirAsync(campanha, new Dictionary<string, object>
        {
            ["filtro"] = new Dictionary<string, string> { ["dados.qualquerCampo"] = "x", ["dados.outro"] = "y" },
        });

        Assert.Equal(0, resposta.GetProperty("adicionados").GetInt32());
    }

    [Fact]
    public async Task An_evolution_envelope_with_fields_the_api_does_not_know_is_still_a_200_and_acted_on()
    {
        var instancia = $"i-{Guid.NewGuid():N}";
        await api.Api().CriarInstanciaAsync(instancia);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/evolution")
        {
            Content = new StringContent($$"""
                {"event": "connection.update", "instance": "{{instancia}}", "campoNovoDoEvolution": {"x": [1, 2]},
                 "data": {"instance": "{{instancia}}", "state": "open", "statusReason": 200, "wuid": "5511999990000@s.whatsapp.net",
                          "profileName": "Loja", "outroCampoNovo": true},
                 "destination": "http://api/webhooks/evolution", "server_url": "http://evolution", "apikey": "k", "versao": "2.9"}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Webhook-Token", ApiFixture.WebhookToken);

        var response = await api.SemChave().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = api.Seed.Db();
        Assert.Equal("open", (await db.Instancias.SingleAsync(i => i.EvolutionInstance == instancia)).Estado);
    }

    sealed record Externo(string? Nome, Interno? PausaLonga);

    sealed record Interno(int? ACada, int? Segundos);

    [Fact]
    public void An_unknown_field_inside_a_nested_object_is_named_by_its_path()
    {
        var opcoes = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        var erro = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Externo>("""{"nome": "x", "pausaLonga": {"aCada": 20, "segudos": 120}}""", opcoes));

        var problema = ApiExceptionHandler.RequisicaoInvalida(new BadHttpRequestException("corpo", erro), opcoes);

        var erros = Assert.IsType<Dictionary<string, string[]>>(problema.Extensions["errors"]);
        Assert.Equal(["pausaLonga.segudos"], erros.Keys);
        Assert.StartsWith("Campo desconhecido 'pausaLonga.segudos'.", problema.Detail);
    }
}

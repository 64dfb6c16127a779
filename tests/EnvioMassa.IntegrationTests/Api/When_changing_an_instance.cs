using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary><c>PATCH /api/instancias/{id}</c>: only the fields sent change, <c>null</c> clears a cap, the result is validated whole.</summary>
public class When_changing_an_instance(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<int> CriarAsync(object corpo) =>
        (await (await _http.PostJsonAsync("/api/instancias", corpo)).JsonAsync(HttpStatusCode.Created)).Id();

    Task<HttpResponseMessage> AlterarAsync(int id, string corpo) =>
        _http.PatchAsync($"/api/instancias/{id}", new StringContent(corpo, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Only_the_fields_sent_change_and_null_clears_a_cap()
    {
        var nome = $"i-{Guid.NewGuid():N}";
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = nome, limiteDiario = 200, limitePorHora = 60 });

        var alterada = await (await AlterarAsync(id, """{"limitePorHora": null, "nome": "Loja Centro"}""")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Loja Centro", alterada.GetProperty("nome").GetString());
        Assert.Equal(nome, alterada.GetProperty("evolutionInstance").GetString());
        Assert.Equal(200, alterada.GetProperty("limiteDiario").GetInt32());
        Assert.Equal(JsonValueKind.Null, alterada.GetProperty("limitePorHora").ValueKind);
        var lida = await _http.GetJsonAsync($"/api/instancias/{id}");
        Assert.Equal("Loja Centro", lida.GetProperty("nome").GetString());
        Assert.Equal(JsonValueKind.Null, lida.GetProperty("limitePorHora").ValueKind);
        Assert.Equal(200, lida.GetProperty("limiteEfetivoHoje").GetInt32());
    }

    [Fact]
    public async Task Turning_warm_up_on_holds_the_number_to_its_first_stage()
    {
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = $"i-{Guid.NewGuid():N}", limiteDiario = 500 });

        var alterada = await (await AlterarAsync(id, """{"aquecimento": true}""")).JsonAsync(HttpStatusCode.OK);

        Assert.True(alterada.GetProperty("aquecimento").GetBoolean());
        Assert.Equal(20, alterada.GetProperty("limiteEfetivoHoje").GetInt32());
        Assert.Equal(JsonValueKind.String, alterada.GetProperty("conectadaDesde").ValueKind);
    }

    [Fact]
    public async Task A_new_key_is_stored_and_never_shown()
    {
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = $"i-{Guid.NewGuid():N}" });

        var resposta = await AlterarAsync(id, """{"apiKey": "token-novo-da-instancia"}""");

        var texto = await resposta.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, resposta.StatusCode);
        Assert.DoesNotContain("token-novo-da-instancia", texto);
        await using var db = api.Seed.Db();
        Assert.Equal("token-novo-da-instancia", (await db.Instancias.FindAsync(id))!.ApiKey);
    }

    public static TheoryData<string, string, string> Invalidos => new()
    {
        { """{"limitePorHora": 300}""", "limitePorHora", "maior que 'limiteDiario'" },
        { """{"limiteDiario": "muito"}""", "limiteDiario", "inteiro" },
        { """{"nome": ""}""", "nome", "obrigatório" },
        { """{"conectadaDesde": "2999-01-01"}""", "conectadaDesde", "futuro" },
        { """{"evolutionInstance": "loja centro"}""", "evolutionInstance", "espaços" },
    };

    [Theory]
    [MemberData(nameof(Invalidos))]
    public async Task A_change_that_makes_no_sense_is_a_400_naming_the_field_and_changes_nothing(string corpo, string campo, string trecho)
    {
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = $"i-{Guid.NewGuid():N}", limiteDiario = 200 });

        var problema = await (await AlterarAsync(id, corpo)).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.Contains(trecho, string.Join(" ", problema.Erros(campo)));
        var lida = await _http.GetJsonAsync($"/api/instancias/{id}");
        Assert.Equal("loja", lida.GetProperty("nome").GetString());
        Assert.Equal(200, lida.GetProperty("limiteDiario").GetInt32());
    }

    [Fact]
    public async Task An_unknown_field_is_refused()
    {
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = $"i-{Guid.NewGuid():N}" });

        var problema = await (await AlterarAsync(id, """{"limiteDiaro": 100}""")).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.Contains("limiteDiaro", problema.GetRawText());
    }

    [Fact]
    public async Task Taking_the_evolution_name_of_another_live_instance_is_a_409()
    {
        var outra = $"i-{Guid.NewGuid():N}";
        await CriarAsync(new { nome = "outra", evolutionInstance = outra });
        var id = await CriarAsync(new { nome = "loja", evolutionInstance = $"i-{Guid.NewGuid():N}" });

        await (await AlterarAsync(id, $$"""{"evolutionInstance": "{{outra}}"}""")).ProblemaAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_instance_that_does_not_exist_is_a_404()
    {
        await (await AlterarAsync(987654, """{"nome": "x"}""")).ProblemaAsync(HttpStatusCode.NotFound);
    }
}

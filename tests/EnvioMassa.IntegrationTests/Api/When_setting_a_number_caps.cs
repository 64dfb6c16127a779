using System.Net;
using System.Text.Json;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>The caps of <c>POST /api/instancias</c>: stored, shown with today's effective cap (warm-up by age), refused when they make no sense.</summary>
public class When_setting_a_number_caps(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    static readonly DateOnly Hoje = DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime);

    async Task<JsonElement> CriarAsync(object limites)
    {
        var corpo = new Dictionary<string, object?> { ["nome"] = "loja", ["evolutionInstance"] = $"i-{Guid.NewGuid():N}" };
        foreach (var p in limites.GetType().GetProperties())
            corpo[p.Name] = p.GetValue(limites);
        var criada = await (await _http.PostJsonAsync("/api/instancias", corpo)).JsonAsync(HttpStatusCode.Created);
        return await _http.GetJsonAsync($"/api/instancias/{criada.Id()}");
    }

    [Fact]
    public async Task Caps_are_stored_and_read_back_with_todays_effective_cap()
    {
        var lida = await CriarAsync(new { limiteDiario = 200, limitePorHora = 60 });

        Assert.Equal(200, lida.GetProperty("limiteDiario").GetInt32());
        Assert.Equal(60, lida.GetProperty("limitePorHora").GetInt32());
        Assert.False(lida.GetProperty("aquecimento").GetBoolean());
        Assert.Equal(200, lida.GetProperty("limiteEfetivoHoje").GetInt32());
        Assert.Equal(0, lida.GetProperty("enviadosHoje").GetInt32());
    }

    [Fact]
    public async Task Without_caps_every_cap_is_null()
    {
        var lida = await CriarAsync(new { });

        foreach (var campo in new[] { "limiteDiario", "limitePorHora", "limiteEfetivoHoje", "conectadaDesde" })
            Assert.Equal(JsonValueKind.Null, lida.GetProperty(campo).ValueKind);
    }

    [Theory]
    [InlineData(3, null, 20)]
    [InlineData(10, null, 50)]
    [InlineData(10, 30, 30)]
    [InlineData(16, null, 100)]
    [InlineData(24, 150, 150)]
    [InlineData(60, 500, 500)]
    public async Task Warm_up_holds_the_day_to_the_stage_of_the_numbers_age(int idade, int? limiteDiario, int esperado)
    {
        var lida = await CriarAsync(new { limiteDiario, aquecimento = true, conectadaDesde = Hoje.AddDays(-idade).ToString("yyyy-MM-dd") });

        Assert.Equal(esperado, lida.GetProperty("limiteEfetivoHoje").GetInt32());
    }

    [Fact]
    public async Task Warming_up_a_number_of_unknown_age_starts_it_as_new()
    {
        var lida = await CriarAsync(new { aquecimento = true });

        Assert.Equal(Hoje.ToString("yyyy-MM-dd"), lida.GetProperty("conectadaDesde").GetString());
        Assert.Equal(20, lida.GetProperty("limiteEfetivoHoje").GetInt32());
    }

    public static TheoryData<string, string, string> Invalidos => new()
    {
        { """{"limiteDiario": 0}""", "limiteDiario", "entre 1 e 100000" },
        { """{"limitePorHora": -1}""", "limitePorHora", "entre 1 e 100000" },
        { """{"limiteDiario": 50, "limitePorHora": 60}""", "limitePorHora", "maior que 'limiteDiario'" },
        { """{"conectadaDesde": "20/11/2026"}""", "conectadaDesde", "AAAA-MM-DD" },
        { """{"conectadaDesde": "2999-01-01"}""", "conectadaDesde", "futuro" },
    };

    [Theory]
    [MemberData(nameof(Invalidos))]
    public async Task A_cap_that_makes_no_sense_is_a_400_naming_the_field(string campos, string campo, string trecho)
    {
        var corpo = $$"""{"nome": "x", "evolutionInstance": "i-{{Guid.NewGuid():N}}", {{campos.Trim()[1..]}}""";

        var response = await _http.PostAsync("/api/instancias", new StringContent(corpo, System.Text.Encoding.UTF8, "application/json"));

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains(trecho, string.Join(" ", problema.Erros(campo)));
    }
}

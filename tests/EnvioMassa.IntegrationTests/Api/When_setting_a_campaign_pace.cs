using System.Net;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>The pace fields of <c>POST /api/campanhas</c>: random gaps and the long pause, their defaults and their errors.</summary>
public class When_setting_a_campaign_pace(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<HttpResponseMessage> CriarAsync(object campos)
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");
        var corpo = new Dictionary<string, object?> { ["nome"] = "Ritmo", ["templateId"] = template, ["instanciaId"] = instancia };
        foreach (var p in campos.GetType().GetProperties())
            corpo[p.Name] = p.GetValue(campos);
        return await _http.PostJsonAsync("/api/campanhas", corpo);
    }

    [Fact]
    public async Task A_random_gap_and_a_long_pause_are_stored_and_read_back()
    {
        var criada = await (await CriarAsync(new { intervaloMinSegundos = 8, intervaloMaxSegundos = 25, pausaLonga = new { aCada = 20, segundos = 120 } }))
            .JsonAsync(HttpStatusCode.Created);
        var lida = await _http.GetJsonAsync($"/api/campanhas/{criada.Id()}");

        Assert.Equal(8, lida.GetProperty("intervaloMinSegundos").GetInt32());
        Assert.Equal(25, lida.GetProperty("intervaloMaxSegundos").GetInt32());
        Assert.Equal(8, lida.GetProperty("intervaloSegundos").GetInt32());
        Assert.Equal(20, lida.GetProperty("pausaLonga").GetProperty("aCada").GetInt32());
        Assert.Equal(120, lida.GetProperty("pausaLonga").GetProperty("segundos").GetInt32());
        await using var db = api.Seed.Db();
        var row = await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == criada.Id());
        Assert.Equal((8, 25, 20, 120), (row.IntervaloSegundos, row.IntervaloMaxSegundos!.Value, row.PausaLongaACada!.Value, row.PausaLongaSegundos!.Value));
    }

    [Fact]
    public async Task Without_pace_fields_the_gap_is_a_fixed_10_seconds_and_there_is_no_long_pause()
    {
        var lida = await (await CriarAsync(new { })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(10, lida.GetProperty("intervaloSegundos").GetInt32());
        Assert.Equal(10, lida.GetProperty("intervaloMinSegundos").GetInt32());
        Assert.Equal(10, lida.GetProperty("intervaloMaxSegundos").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lida.GetProperty("pausaLonga").ValueKind);
    }

    [Fact]
    public async Task A_sending_window_is_stored_in_week_order_and_read_back()
    {
        var criada = await (await CriarAsync(new { janela = new { dias = new[] { "sex", "seg", "QUA" }, inicio = "08:30", fim = "19:00", fuso = "America/Manaus" } }))
            .JsonAsync(HttpStatusCode.Created);
        var janela = (await _http.GetJsonAsync($"/api/campanhas/{criada.Id()}")).GetProperty("janela");

        Assert.Equal(["seg", "qua", "sex"], janela.GetProperty("dias").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("08:30", janela.GetProperty("inicio").GetString());
        Assert.Equal("19:00", janela.GetProperty("fim").GetString());
        Assert.Equal("America/Manaus", janela.GetProperty("fuso").GetString());
    }

    [Fact]
    public async Task A_window_without_days_or_zone_is_every_day_in_the_default_zone_and_no_window_is_null()
    {
        var criada = await (await CriarAsync(new { janela = new { inicio = "09:00", fim = "18:00" } })).JsonAsync(HttpStatusCode.Created);
        var semJanela = await (await CriarAsync(new { })).JsonAsync(HttpStatusCode.Created);

        var janela = criada.GetProperty("janela");
        Assert.Equal(7, janela.GetProperty("dias").GetArrayLength());
        Assert.Equal("America/Sao_Paulo", janela.GetProperty("fuso").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, semJanela.GetProperty("janela").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, semJanela.GetProperty("motivoEspera").ValueKind);
    }

    [Fact]
    public async Task Equal_min_and_max_are_a_fixed_gap()
    {
        var criada = await (await CriarAsync(new { intervaloMinSegundos = 12, intervaloMaxSegundos = 12 })).JsonAsync(HttpStatusCode.Created);

        await using var db = api.Seed.Db();
        var row = await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == criada.Id());
        Assert.Equal(12, row.IntervaloSegundos);
        Assert.Null(row.IntervaloMaxSegundos);
    }

    public static TheoryData<string, string, string> Invalidos => new()
    {
        { """{"intervaloMinSegundos": 30, "intervaloMaxSegundos": 10}""", "intervaloMaxSegundos", "menor" },
        { """{"intervaloMinSegundos": 5}""", "intervaloMaxSegundos", "juntos" },
        { """{"intervaloMaxSegundos": 5}""", "intervaloMinSegundos", "juntos" },
        { """{"intervaloSegundos": 10, "intervaloMinSegundos": 5, "intervaloMaxSegundos": 20}""", "intervaloSegundos", "não os dois" },
        { """{"intervaloMinSegundos": 0, "intervaloMaxSegundos": 20}""", "intervaloMinSegundos", "entre 1 e 3600" },
        { """{"intervaloMinSegundos": 5, "intervaloMaxSegundos": 4000}""", "intervaloMaxSegundos", "entre 1 e 3600" },
        { """{"pausaLonga": {"segundos": 120}}""", "pausaLonga.aCada", "obrigatório" },
        { """{"pausaLonga": {"aCada": 20}}""", "pausaLonga.segundos", "obrigatório" },
        { """{"pausaLonga": {"aCada": 1, "segundos": 120}}""", "pausaLonga.aCada", "entre 2 e 1000" },
        { """{"intervaloMinSegundos": 8, "intervaloMaxSegundos": 25, "pausaLonga": {"aCada": 20, "segundos": 25}}""", "pausaLonga.segundos", "maior que o intervalo" },
        { """{"janela": {"inicio": "20:00", "fim": "08:00"}}""", "janela.fim", "meia-noite" },
        { """{"janela": {"inicio": "08:00", "fim": "08:00"}}""", "janela.fim", "depois de" },
        { """{"janela": {"inicio": "8h", "fim": "20:00"}}""", "janela.inicio", "HH:mm" },
        { """{"janela": {"fim": "20:00"}}""", "janela.inicio", "obrigatório" },
        { """{"janela": {"dias": [], "inicio": "08:00", "fim": "20:00"}}""", "janela.dias", "vazio" },
        { """{"janela": {"dias": ["seg", "segunda"], "inicio": "08:00", "fim": "20:00"}}""", "janela.dias", "'segunda'" },
        { """{"janela": {"inicio": "08:00", "fim": "20:00", "fuso": "Brasilia"}}""", "janela.fuso", "Brasilia" },
    };

    [Theory]
    [MemberData(nameof(Invalidos))]
    public async Task A_pace_that_makes_no_sense_is_a_400_naming_the_field(string campos, string campo, string trecho)
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");
        var corpo = $$"""{"nome": "x", "templateId": {{template}}, "instanciaId": {{instancia}}, {{campos.Trim()[1..]}}""";

        var response = await _http.PostAsync("/api/campanhas", new StringContent(corpo, System.Text.Encoding.UTF8, "application/json"));

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains(trecho, string.Join(" ", problema.Erros(campo)));
    }

    [Fact]
    public async Task An_unknown_field_inside_pausaLonga_is_refused_naming_it()
    {
        var template = await _http.CriarTemplateAsync();
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");
        var corpo = $$$"""{"nome": "x", "templateId": {{{template}}}, "instanciaId": {{{instancia}}}, "pausaLonga": {"aCada": 20, "minutos": 2}}""";

        var response = await _http.PostAsync("/api/campanhas", new StringContent(corpo, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minutos", await response.Content.ReadAsStringAsync());
    }
}

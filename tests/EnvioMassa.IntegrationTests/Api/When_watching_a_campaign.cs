using System.Globalization;
using System.Net;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>The read routes the dashboard draws a campaign with (<c>ritmo</c>, <c>falhas</c>), and the dashboard itself.</summary>
public class When_watching_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    static DateTime MinutoDe(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc);

    /// <summary>A campaign with one row per (status, data_envio, erro_mensagem) given, straight in the database.</summary>
    async Task<int> CampanhaComAsync(params (string Status, DateTime? DataEnvio, string? Erro)[] linhas)
    {
        var campanha = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));
        var clientes = await _http.CriarClientesAsync(linhas.Select((_, i) => ($"C{i}", (object)new { })).ToArray());
        await _http.IncluirAsync(campanha, new { clienteIds = clientes });
        await using var db = api.Seed.Db();
        for (var i = 0; i < linhas.Length; i++)
        {
            var (status, dataEnvio, erro) = linhas[i];
            await db.Envios.Where(e => e.CampanhaId == campanha && e.ClienteId == clientes[i]).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, status)
                .SetProperty(e => e.DataEnvio, dataEnvio)
                .SetProperty(e => e.ErroMensagem, erro));
        }
        return campanha;
    }

    [Fact]
    public async Task The_pace_has_every_minute_of_the_window_oldest_first_with_zeros_where_nothing_was_sent()
    {
        var agora = DateTime.UtcNow;
        var ha3 = MinutoDe(agora.AddMinutes(-3)).AddSeconds(10);
        var ha1 = MinutoDe(agora.AddMinutes(-1)).AddSeconds(40);
        var campanha = await CampanhaComAsync(
            (StatusEnvio.Enviado, ha3, null), (StatusEnvio.Enviado, ha3.AddSeconds(20), null), (StatusEnvio.Erro, ha3.AddSeconds(30), "número não existe"),
            (StatusEnvio.Enviado, ha1, null),
            (StatusEnvio.Incerto, agora.AddMinutes(-70), "incerto"), // outside the hour asked for
            (StatusEnvio.Pendente, null, null));

        var ritmo = (await _http.GetJsonAsync($"/api/campanhas/{campanha}/ritmo?minutos=60")).EnumerateArray().ToList();

        Assert.Equal(60, ritmo.Count);
        var minutos = ritmo.Select(m => m.GetProperty("minuto").GetString()!).ToList();
        Assert.All(minutos, m => Assert.EndsWith(":00Z", m));
        var instantes = minutos.Select(m => DateTime.Parse(m, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        Assert.All(instantes.Zip(instantes.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(1), p.Second - p.First));
        // The newest minute is the current one (the clock may have turned since the rows were written).
        Assert.InRange(instantes[^1], MinutoDe(agora), MinutoDe(agora).AddMinutes(1));
        var porMinuto = ritmo.ToDictionary(m => DateTime.Parse(m.GetProperty("minuto").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal), m => (m.GetProperty("enviados").GetInt32(), m.GetProperty("falhas").GetInt32()));
        Assert.Equal((3, 1), porMinuto[MinutoDe(ha3)]);
        Assert.Equal((1, 0), porMinuto[MinutoDe(ha1)]);
        Assert.Equal((4, 1), (porMinuto.Values.Sum(v => v.Item1), porMinuto.Values.Sum(v => v.Item2)));
        Assert.Equal(58, porMinuto.Values.Count(v => v == (0, 0)));
    }

    [Fact]
    public async Task The_pace_window_defaults_to_an_hour_and_can_be_a_single_minute()
    {
        var campanha = await CampanhaComAsync((StatusEnvio.Pendente, null, null));

        var padrao = await _http.GetJsonAsync($"/api/campanhas/{campanha}/ritmo");
        var um = await _http.GetJsonAsync($"/api/campanhas/{campanha}/ritmo?minutos=1");

        Assert.Equal(60, padrao.GetArrayLength());
        Assert.All(padrao.EnumerateArray(), m => Assert.Equal(0, m.GetProperty("enviados").GetInt32()));
        Assert.Equal(1, um.GetArrayLength());
    }

    [Fact]
    public async Task Failure_reasons_are_grouped_whatever_number_they_hit_most_frequent_first_with_the_latest_time()
    {
        var t = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var campanha = await CampanhaComAsync(
            (StatusEnvio.Erro, t, "Número não está no WhatsApp 5511999990001@s.whatsapp.net exists=false, number=5511999990001"),
            (StatusEnvio.Erro, t.AddMinutes(5), "Número não está no WhatsApp 5511999990002@s.whatsapp.net exists=false, number=5511999990002"),
            (StatusEnvio.Erro, t.AddMinutes(2), "Número não está no WhatsApp 5521988887777@s.whatsapp.net exists=false, number=5521988887777"),
            (StatusEnvio.Incerto, t.AddMinutes(1), "Incerto: o processo parou durante o envio"),
            (StatusEnvio.Incerto, t.AddMinutes(3), "Incerto: o processo parou durante o envio"),
            (StatusEnvio.Erro, t.AddMinutes(9), "Falhou em 3 tentativas. Último erro: 500"),
            (StatusEnvio.Enviado, t.AddMinutes(4), null), (StatusEnvio.Pendente, null, null));

        var todas = await _http.GetJsonAsync($"/api/campanhas/{campanha}/falhas");
        var duas = await _http.GetJsonAsync($"/api/campanhas/{campanha}/falhas?limite=2");

        var motivos = todas.EnumerateArray().Select(f => (f.GetProperty("motivo").GetString(), f.GetProperty("quantidade").GetInt32(),
            f.GetProperty("ultimaEm").GetString())).ToList();
        Assert.Equal(
        [
            // The same cause for three numbers is one group, the numbers masked.
            ("Número não está no WhatsApp …@s.whatsapp.net exists=false, number=…", 3, "2026-11-30T12:05:00Z"),
            ("Incerto: o processo parou durante o envio", 2, "2026-11-30T12:03:00Z"),
            ("Falhou em 3 tentativas. Último erro: 500", 1, "2026-11-30T12:09:00Z"),
        ], motivos);
        Assert.Equal(motivos.Take(2).Select(m => m.Item1), duas.EnumerateArray().Select(f => f.GetProperty("motivo").GetString()));
    }

    [Fact]
    public async Task A_campaign_without_failures_has_an_empty_list()
    {
        var campanha = await CampanhaComAsync((StatusEnvio.Enviado, DateTime.UtcNow, null));

        Assert.Equal(0, (await _http.GetJsonAsync($"/api/campanhas/{campanha}/falhas")).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/campanhas/1/ritmo?minutos=0", "minutos")]
    [InlineData("/api/campanhas/1/ritmo?minutos=1441", "minutos")]
    [InlineData("/api/campanhas/1/ritmo?minutos=uma-hora", "minutos")]
    [InlineData("/api/campanhas/1/falhas?limite=0", "limite")]
    [InlineData("/api/campanhas/1/falhas?limite=101", "limite")]
    [InlineData("/api/campanhas/1/falhas?limite=dez", "limite")]
    public async Task Bad_windows_and_limits_are_a_400_naming_the_parameter(string rota, string parametro)
    {
        var problema = await (await _http.GetAsync(rota)).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problema.Erros(parametro));
        Assert.Contains(parametro, problema.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/campanhas/999999/ritmo")]
    [InlineData("/api/campanhas/999999/falhas")]
    public async Task An_unknown_campaign_is_a_404_in_portuguese(string rota)
    {
        var problema = await (await _http.GetAsync(rota)).ProblemaAsync(HttpStatusCode.NotFound);

        Assert.Equal("A campanha 999999 não existe.", problema.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/campanhas/1/ritmo")]
    [InlineData("/api/campanhas/1/falhas")]
    public async Task The_read_routes_need_the_key(string rota)
    {
        await (await api.SemChave().GetAsync(rota)).ProblemaAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/", "text/html", "<html lang=\"pt-BR\">")]
    [InlineData("/index.html", "text/html", "Painel do operador")]
    [InlineData("/js/painel.js", "text/javascript", "import")]
    [InlineData("/painel.css", "text/css", ":focus-visible")]
    public async Task The_dashboard_is_served_without_the_key(string rota, string tipo, string trecho)
    {
        using var resposta = await api.SemChave().GetAsync(rota);

        Assert.Equal(HttpStatusCode.OK, resposta.StatusCode);
        Assert.Equal(tipo, resposta.Content.Headers.ContentType?.MediaType);
        Assert.Contains(trecho, await resposta.Content.ReadAsStringAsync());
    }
}

using System.Net;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_following_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    /// <summary>A campaign whose rows the pipeline moved to: 2 pendente, 1 agendado, 1 enviando, 3 enviado, 2 erro.</summary>
    async Task<(int Campanha, int[] Clientes)> CampanhaEmAndamentoAsync()
    {
        var campanha = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));
        var clientes = await _http.CriarClientesAsync(Enumerable.Range(1, 9).Select(i => ($"C{i}", (object)new { })).ToArray());
        await _http.IncluirAsync(campanha, new { clienteIds = clientes });
        string[] status = ["pendente", "pendente", "agendado", "enviando", "enviado", "enviado", "enviado", "erro", "erro"];
        var inicio = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        await using var db = api.Seed.Db();
        for (var i = 0; i < clientes.Length; i++)
        {
            var final = StatusEnvio.EhFinal(status[i]);
            await db.Envios.Where(e => e.CampanhaId == campanha && e.ClienteId == clientes[i]).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, status[i])
                .SetProperty(e => e.Tentativas, final ? 1 : 0)
                .SetProperty(e => e.DataEnvio, final ? inicio.AddMinutes(i) : null)
                .SetProperty(e => e.ErroMensagem, status[i] == "erro" ? $"número {i} não existe no WhatsApp" : null)
                .SetProperty(e => e.MessageId, status[i] == "enviado" ? $"3EB0{i:D18}" : null));
        }
        await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, StatusCampanha.Enviando)
            .SetProperty(c => c.Enviados, 5).SetProperty(c => c.Sucessos, 3).SetProperty(c => c.Falhas, 2)
            .SetProperty(c => c.DataInicio, inicio));
        return (campanha, clientes);
    }

    [Fact]
    public async Task The_campaign_shows_its_counters_and_pendentes_counts_rows_not_yet_final()
    {
        var (campanha, _) = await CampanhaEmAndamentoAsync();

        var lida = await _http.GetJsonAsync($"/api/campanhas/{campanha}");

        Assert.Equal("enviando", lida.GetProperty("status").GetString());
        Assert.Equal(9, lida.GetProperty("totalClientes").GetInt32());
        Assert.Equal(5, lida.GetProperty("enviados").GetInt32());
        Assert.Equal(3, lida.GetProperty("sucessos").GetInt32());
        Assert.Equal(2, lida.GetProperty("falhas").GetInt32());
        Assert.Equal(4, lida.GetProperty("pendentes").GetInt32());
        Assert.Equal("2026-11-01T12:00:00Z", lida.GetProperty("dataInicio").GetString());
    }

    [Fact]
    public async Task The_summary_has_every_status_with_zero_where_there_is_none()
    {
        var (campanha, _) = await CampanhaEmAndamentoAsync();

        var resumo = await _http.GetJsonAsync($"/api/campanhas/{campanha}/resumo");

        var contagens = resumo.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(StatusEnvio.Todos.Concat([StatusEntrega.Entregue, StatusEntrega.Lida, StatusEntrega.Reproduzida, StatusEntrega.Falhou]).Order(),
            contagens.Keys.Order());
        Assert.Equal(2, contagens["pendente"]);
        Assert.Equal(1, contagens["agendado"]);
        Assert.Equal(1, contagens["enviando"]);
        Assert.Equal(3, contagens["enviado"]);
        Assert.Equal(2, contagens["erro"]);
        Assert.Equal(0, contagens["incerto"]);
        Assert.Equal(0, contagens["cancelado"]);
    }

    [Fact]
    public async Task The_latest_rows_in_a_status_come_with_the_customer_phone()
    {
        var (campanha, clientes) = await CampanhaEmAndamentoAsync();

        var envios = await _http.GetJsonAsync($"/api/campanhas/{campanha}/envios?status=enviado&limite=2");

        Assert.Equal(2, envios.GetArrayLength());
        var ultimo = envios[0];
        Assert.Equal(clientes[6], ultimo.GetProperty("clienteId").GetInt32());
        Assert.Equal(clientes[5], envios[1].GetProperty("clienteId").GetInt32());
        Assert.Matches("^55[0-9]+$", ultimo.GetProperty("telefone").GetString());
        Assert.Equal("enviado", ultimo.GetProperty("status").GetString());
        Assert.Equal(1, ultimo.GetProperty("tentativas").GetInt32());
        Assert.StartsWith("3EB0", ultimo.GetProperty("messageId").GetString());
        Assert.True(ultimo.TryGetProperty("erroMensagem", out _));
        Assert.Equal("2026-11-01T12:06:00Z", ultimo.GetProperty("dataEnvio").GetString());
        Assert.True(ultimo.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Failed_rows_carry_their_error()
    {
        var (campanha, _) = await CampanhaEmAndamentoAsync();

        var envios = await _http.GetJsonAsync($"/api/campanhas/{campanha}/envios?status=erro");

        Assert.Equal(2, envios.GetArrayLength());
        Assert.All(envios.EnumerateArray(), e => Assert.Contains("não existe no WhatsApp", e.GetProperty("erroMensagem").GetString()));
    }

    [Fact]
    public async Task Campaigns_are_listed_by_status()
    {
        var (campanha, _) = await CampanhaEmAndamentoAsync();
        var rascunho = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));

        var enviando = await _http.GetJsonAsync("/api/campanhas?status=enviando");
        var todas = await _http.GetJsonAsync("/api/campanhas");

        Assert.Contains(enviando.EnumerateArray(), c => c.Id() == campanha && c.GetProperty("pendentes").GetInt32() == 4);
        Assert.All(enviando.EnumerateArray(), c => Assert.Equal("enviando", c.GetProperty("status").GetString()));
        Assert.DoesNotContain(enviando.EnumerateArray(), c => c.Id() == rascunho);
        Assert.Contains(todas.EnumerateArray(), c => c.Id() == rascunho);
    }

    [Theory]
    [InlineData("/api/campanhas?status=voando", "status")]
    [InlineData("/api/campanhas?limite=0", "limite")]
    [InlineData("/api/campanhas/1/envios?status=voando", "status")]
    [InlineData("/api/campanhas/1/envios?limite=501", "limite")]
    [InlineData("/api/campanhas/1/envios?limite=muitos", "limite")]
    public async Task Unknown_statuses_and_bad_limits_are_a_400(string rota, string parametro)
    {
        var problema = await (await _http.GetAsync(rota)).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problema.Erros(parametro));
    }

    [Theory]
    [InlineData("/api/campanhas/999999")]
    [InlineData("/api/campanhas/999999/resumo")]
    [InlineData("/api/campanhas/999999/envios")]
    public async Task An_unknown_campaign_is_a_404_in_portuguese(string rota)
    {
        var problema = await (await _http.GetAsync(rota)).ProblemaAsync(HttpStatusCode.NotFound);

        Assert.Contains("999999", problema.GetProperty("detail").GetString());
    }
}

extern alias ApiHost;

using System.Net;
using System.Text;
using ApiHost::EnvioMassa.Api.Campanhas;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_exporting_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    const string Cabecalho = "telefone,nome,status,tentativas,messageId,erroMensagem,dataEnvio,instancia,entrega,entregueEm,lidaEm";

    readonly HttpClient _http = api.Api();

    [Fact]
    public async Task Every_row_comes_in_id_order_quoted_as_rfc_4180_with_accents_and_utc_dates()
    {
        var instancia = (await (await _http.PostJsonAsync("/api/instancias",
            new { nome = "Loja São João, Centro", evolutionInstance = $"csv-{Guid.NewGuid():N}"[..30] })).JsonAsync(HttpStatusCode.Created)).Id();
        var campanha = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), instancia);
        var clientes = await _http.CriarClientesAsync(("João da Silva", new { }), ("Ana \"Aninha\" Souza", new { }), ("=HYPERLINK(\"x\")", new { }));
        await _http.IncluirAsync(campanha, new { clienteIds = clientes });
        var entregueEm = new DateTime(2026, 12, 2, 18, 30, 7, 250, DateTimeKind.Utc);
        await using (var db = api.Seed.Db())
        {
            await db.Envios.Where(e => e.CampanhaId == campanha && e.ClienteId == clientes[0]).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, StatusEnvio.Enviado).SetProperty(e => e.Tentativas, 1)
                .SetProperty(e => e.MessageId, "3EB0AAAAAAAAAAAAAAAAAA")
                .SetProperty(e => e.DataEnvio, new DateTime(2026, 12, 2, 18, 30, 5, DateTimeKind.Utc))
                .SetProperty(e => e.Entrega, StatusEntrega.Lida)
                .SetProperty(e => e.EntregueEm, entregueEm)
                .SetProperty(e => e.LidaEm, new DateTime(2026, 12, 2, 18, 31, 0, DateTimeKind.Utc)));
            await db.Envios.Where(e => e.CampanhaId == campanha && e.ClienteId == clientes[1]).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, StatusEnvio.Erro).SetProperty(e => e.Tentativas, 3)
                .SetProperty(e => e.ErroMensagem, "Falhou em 3 tentativas.\nÚltimo erro: \"Timed Out\", de novo"));
        }
        var telefones = await api.Seed.TelefonesAsync(campanha);

        using var response = await _http.GetAsync($"/api/campanhas/{campanha}/envios.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"campanha-{campanha}-envios.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var texto = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            $"{Cabecalho}\r\n" +
            $"{telefones[clientes[0]]},João da Silva,enviado,1,3EB0AAAAAAAAAAAAAAAAAA,,2026-12-02T18:30:05Z,\"Loja São João, Centro\",lida,2026-12-02T18:30:07.25Z,2026-12-02T18:31:00Z\r\n" +
            $"{telefones[clientes[1]]},\"Ana \"\"Aninha\"\" Souza\",erro,3,,\"Falhou em 3 tentativas.\nÚltimo erro: \"\"Timed Out\"\", de novo\",,\"Loja São João, Centro\",,,\r\n" +
            $"{telefones[clientes[2]]},\"'=HYPERLINK(\"\"x\"\")\",pendente,0,,,,\"Loja São João, Centro\",,,\r\n",
            texto);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+5511", "'+5511")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("Conceição", "Conceição")]
    public void A_text_cell_is_neutralised_against_formulas_and_quoted_when_needed(string? valor, string celula) =>
        Assert.Equal(celula, ExportacaoDeEnvios.Celula(valor));

    [Fact]
    public async Task An_unknown_campaign_is_a_404()
    {
        var response = await _http.GetAsync("/api/campanhas/999999/envios.csv");

        await response.ProblemaAsync(HttpStatusCode.NotFound);
    }
}

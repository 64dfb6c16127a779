using System.Net;
using EnvioMassa.Contracts;

namespace EnvioMassa.IntegrationTests.Api;

public class When_controlling_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<int> CampanhaAsync() =>
        await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync(), await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}"));

    [Theory]
    [InlineData("pausar", "pausada")]
    [InlineData("retomar", "enviando")]
    [InlineData("cancelar", "cancelada")]
    public async Task An_accepted_transition_answers_202_with_the_new_status(string acao, string status)
    {
        var campanha = await CampanhaAsync();

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/{acao}", null);

        var aceita = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(campanha, aceita.Id());
        Assert.Equal(status, aceita.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_pause_reason_reaches_the_saga()
    {
        var campanha = await CampanhaAsync();

        await (await _http.PostJsonAsync($"/api/campanhas/{campanha}/pausar", new { motivo = "Pedido do cliente" }))
            .JsonAsync(HttpStatusCode.Accepted);

        var comando = Assert.Single(api.Saga.Recebidos.OfType<PausarCampanha>(), c => c.CampanhaId == campanha);
        Assert.Equal("Pedido do cliente", comando.Motivo);
        Assert.Equal(CampanhaCorrelation.ParaGuid(campanha), comando.CorrelationId);
    }

    [Theory]
    [InlineData("pausar", "rascunho")]
    [InlineData("retomar", "enviando")]
    [InlineData("cancelar", "concluida")]
    public async Task A_transition_the_state_does_not_allow_is_a_409_naming_the_state(string acao, string statusAtual)
    {
        var campanha = await CampanhaAsync();
        api.Saga.Responder(campanha, new SagaFalsa.Recusar(statusAtual, "Transição não permitida."));

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/{acao}", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Equal(statusAtual, problema.GetProperty("statusAtual").GetString());
        Assert.Contains($"'{statusAtual}'", problema.GetProperty("detail").GetString());
        Assert.Contains(acao, problema.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("pausar")]
    [InlineData("retomar")]
    [InlineData("cancelar")]
    public async Task A_transition_of_an_unknown_campaign_is_a_404(string acao)
    {
        await (await _http.PostAsync($"/api/campanhas/999999/{acao}", null)).ProblemaAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pause_reason_over_500_characters_is_a_400()
    {
        var campanha = await CampanhaAsync();

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/pausar", new { motivo = new string('x', 501) });

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }
}

using System.Net;
using EnvioMassa.Contracts;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Api;

public class When_starting_a_campaign(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    /// <summary>A draft campaign on an instance the simulator reports in <paramref name="estado"/>, with recipients.</summary>
    async Task<int> CampanhaProntaAsync(string estado = "open", int destinatarios = 2, string? conteudo = null)
    {
        var nome = $"i-{Guid.NewGuid():N}";
        await api.Evolution.AddInstanceAsync(nome, estado);
        var campanha = await _http.CriarCampanhaAsync(
            await _http.CriarTemplateAsync(conteudo ?? "Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje."),
            await _http.CriarInstanciaAsync(nome));
        if (destinatarios > 0)
        {
            var ids = await _http.CriarClientesAsync(Enumerable.Range(1, destinatarios)
                .Select(i => ($"Cliente {i}", (object)new { valor = $"R$ {i},00" })).ToArray());
            await _http.IncluirAsync(campanha, new { clienteIds = ids });
        }
        return campanha;
    }

    [Fact]
    public async Task A_ready_campaign_is_handed_to_the_saga_and_answers_202_with_its_new_status()
    {
        var campanha = await CampanhaProntaAsync();

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var aceita = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(campanha, aceita.Id());
        Assert.Equal("enviando", aceita.GetProperty("status").GetString());
        Assert.Equal($"/api/campanhas/{campanha}", response.Headers.Location?.OriginalString);
        var comando = Assert.Single(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
        Assert.Equal(CampanhaCorrelation.ParaGuid(campanha), comando.CorrelationId);
        Assert.Null(comando.AgendarPara);
    }

    [Fact]
    public async Task A_json_content_type_without_a_body_is_accepted_as_start_now()
    {
        var campanha = await CampanhaProntaAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campanhas/{campanha}/iniciar")
        {
            Content = new ByteArrayContent([]) { Headers = { { "Content-Type", "application/json" } } },
        };

        var response = await _http.SendAsync(request);

        await response.JsonAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_start_with_agendarPara_sends_the_utc_time_and_answers_agendada()
    {
        var campanha = await CampanhaProntaAsync();
        var quando = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(-3));
        var local = quando.ToString("yyyy-MM-ddTHH:mm:sszzz");

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/iniciar", new { agendarPara = local });

        var aceita = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("agendada", aceita.GetProperty("status").GetString());
        var comando = Assert.Single(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
        Assert.Equal(DateTimeOffset.Parse(local).UtcDateTime, comando.AgendarPara);
        Assert.Equal(DateTimeKind.Utc, comando.AgendarPara!.Value.Kind);
    }

    [Theory]
    [InlineData("2030-12-01T09:00:00", HttpStatusCode.BadRequest)]
    [InlineData("amanhã", HttpStatusCode.BadRequest)]
    [InlineData("2020-01-01T09:00:00-03:00", HttpStatusCode.UnprocessableEntity)]
    public async Task An_agendarPara_without_time_zone_or_in_the_past_is_refused(string agendarPara, HttpStatusCode status)
    {
        var campanha = await CampanhaProntaAsync();

        var response = await _http.PostJsonAsync($"/api/campanhas/{campanha}/iniciar", new { agendarPara });

        var problema = await response.ProblemaAsync(status);
        Assert.NotEmpty(problema.Erros("agendarPara"));
        Assert.DoesNotContain(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
    }

    [Fact]
    public async Task A_campaign_without_recipients_is_a_422_and_the_saga_is_not_asked()
    {
        var campanha = await CampanhaProntaAsync(destinatarios: 0);

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("destinatários", problema.Erros("destinatarios")[0]);
        Assert.DoesNotContain(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
    }

    [Fact]
    public async Task A_template_that_does_not_render_for_some_recipient_is_a_422_naming_how_many_and_an_example()
    {
        var campanha = await CampanhaProntaAsync(destinatarios: 1);
        var semValor = await _http.CriarClientesAsync(("Sem valor", new { cidade = "Campinas" }), ("Também sem", new { }));
        await _http.IncluirAsync(campanha, new { clienteIds = semValor });

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        var erro = problema.Erros("templateId")[0];
        Assert.Contains("2 destinatário", erro);
        Assert.Contains("{{dados.valor}}", erro);
        Assert.True(erro.Contains($"cliente {semValor[0]}") || erro.Contains($"cliente {semValor[1]}"), erro);
        Assert.DoesNotContain(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
    }

    [Theory]
    [InlineData("close")]
    [InlineData("connecting")]
    public async Task An_instance_that_evolution_does_not_report_open_is_a_422_saying_the_state(string estado)
    {
        var campanha = await CampanhaProntaAsync(estado);

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"'{estado}'", problema.Erros("instanciaId")[0]);
        Assert.DoesNotContain(api.Saga.Recebidos.OfType<IniciarCampanha>(), c => c.CampanhaId == campanha);
        await using var db = api.Seed.Db();
        var instanciaId = (await db.Campanhas.SingleAsync(c => c.Id == campanha)).InstanciaId;
        Assert.Equal(estado, (await db.Instancias.SingleAsync(i => i.Id == instanciaId)).Estado);
    }

    [Fact]
    public async Task An_instance_evolution_does_not_know_is_a_422()
    {
        var campanha = await _http.CriarCampanhaAsync(await _http.CriarTemplateAsync("Oi {{nome}}"),
            await _http.CriarInstanciaAsync($"nao-existe-no-evolution-{Guid.NewGuid():N}"));
        await _http.IncluirAsync(campanha, new { clienteIds = await _http.CriarClientesAsync(("X", new { })) });

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("inexistente", problema.Erros("instanciaId")[0]);
    }

    [Fact]
    public async Task A_start_the_saga_refuses_is_a_409_naming_the_current_state()
    {
        var campanha = await CampanhaProntaAsync();
        api.Saga.Responder(campanha, new SagaFalsa.Recusar("enviando", "A campanha já foi iniciada."));

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Equal("enviando", problema.GetProperty("statusAtual").GetString());
        Assert.Contains("'enviando'", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_campaign_already_past_the_draft_goes_straight_to_the_saga_for_its_409()
    {
        var campanha = await CampanhaProntaAsync(destinatarios: 0);
        await using (var db = api.Seed.Db())
            await db.Campanhas.Where(c => c.Id == campanha).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, "concluida"));
        api.Saga.Responder(campanha, new SagaFalsa.Recusar("concluida", "Campanha concluída não pode ser iniciada."));

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Equal("concluida", problema.GetProperty("statusAtual").GetString());
    }

    [Fact]
    public async Task No_answer_from_the_saga_in_time_is_a_503()
    {
        var campanha = await CampanhaProntaAsync();
        api.Saga.Responder(campanha, new SagaFalsa.Silenciar());

        var response = await _http.PostAsync($"/api/campanhas/{campanha}/iniciar", null);

        var problema = await response.ProblemaAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("não respondeu", problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Starting_an_unknown_campaign_is_a_404()
    {
        await (await _http.PostAsync("/api/campanhas/999999/iniciar", null)).ProblemaAsync(HttpStatusCode.NotFound);
    }
}

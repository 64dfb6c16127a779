using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// The causes of <c>erro</c> (docs/adr/0008-exclusao-e-erro.md), end to end with the real worker and the simulator:
/// the campaign stops for good with the reason, nothing already scheduled goes out afterwards, the rows that never left
/// stay <c>pendente</c> (for reenviar), and the counters equal the rows.
/// </summary>
public sealed class When_a_campaign_cannot_go_on(ITestOutputHelper output)
{
    /// <summary>The monitor checks an instance when its campaigns change, then not again during the test: a send notices.</summary>
    static readonly Dictionary<string, string?> SemVerificacaoPeriodica = new() { ["Scheduler:InstanceCheckEvery"] = "00:10:00" };

    [Fact]
    public async Task Should_go_to_erro_when_evolution_no_longer_has_the_instance_while_sending()
    {
        await using var env = await PipelineEnvironment.CreateAsync("gone");
        var campanha = await EnviandoAsync(env, "loja-apagada");

        await env.Simulator.DeleteInstanceAsync("loja-apagada");

        var final = await ParadaDeVezAsync(env, campanha);
        Assert.Contains("a instância loja-apagada não pode mais enviar", final.MotivoPausa);
        Assert.Contains("The \"loja-apagada\" instance does not exist", final.MotivoPausa);
    }

    [Fact]
    public async Task Should_go_to_erro_when_meta_deleted_the_business_number()
    {
        await using var env = await PipelineEnvironment.CreateAsync("meta33");
        await env.StartWorkerAsync(extra: SemVerificacaoPeriodica, output: output);
        await env.Simulator.AddInstanceAsync("loja-cloud");
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync("loja-cloud"), destinatarios: 12, intervaloSegundos: 1);
        await env.Simulator.AddFaultAsync(campanha.Telefones[3], "cloud_number_deleted", 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        var final = await ParadaDeVezAsync(env, campanha);
        Assert.Contains("Recusada pela Meta (código 33)", final.MotivoPausa);
        var recusado = (await env.Seed.EnviosPorTelefoneAsync(campanha.Id))[campanha.Telefones[3]];
        Assert.Equal((StatusEnvio.Pendente, 1, 1), (recusado.Status, recusado.Tentativas, recusado.FalhasInstancia));
    }

    [Fact]
    public async Task Should_go_to_erro_at_a_scheduled_start_without_sending_when_evolution_no_longer_has_the_instance()
    {
        await using var env = await PipelineEnvironment.CreateAsync("gonesched");
        await env.StartWorkerAsync(extra: SemVerificacaoPeriodica, output: output);
        // Registered in EnvioMassa, deleted in Evolution before the time came.
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync("loja-sumiu"), destinatarios: 5, intervaloSegundos: 1);
        var resposta = await env.ComandoAsync(new IniciarCampanha(CampanhaCorrelation.ParaGuid(campanha.Id), campanha.Id, DateTime.UtcNow.AddSeconds(2)));
        Assert.Equal(StatusCampanha.Agendada, Assert.IsType<TransicaoAceita>(resposta).Status);

        var final = await ParadaDeVezAsync(env, campanha);
        Assert.Contains("a instância loja-sumiu não pode mais enviar", final.MotivoPausa);
        Assert.DoesNotContain(await env.Simulator.RequestsAsync("loja-sumiu"), r => r.Route.Contains("sendText", StringComparison.Ordinal));
        Assert.All(await env.Seed.EnviosAsync(campanha.Id), e => Assert.Equal((StatusEnvio.Pendente, 0), (e.Status, e.Tentativas)));
    }

    [Fact]
    public async Task Should_go_to_erro_when_its_instance_is_deleted_by_force_and_the_rest_can_go_through_another_number()
    {
        await using var env = await PipelineEnvironment.CreateAsync("forced");
        var campanha = await EnviandoAsync(env, "loja-excluida");
        var api = await env.StartApiProcessAsync();
        using var http = PipelineEnvironment.ApiHttp(api);
        var instanciaId = (await env.Seed.CampanhaAsync(campanha.Id)).InstanciaId;

        using var exclusao = await http.DeleteAsync($"/api/instancias/{instanciaId}?forcar=true");
        var resposta = await exclusao.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, exclusao.StatusCode);
        Assert.Equal([campanha.Id], resposta.GetProperty("campanhasEmErro").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        var final = await ParadaDeVezAsync(env, campanha);
        Assert.Contains("a instância loja-excluida foi excluída", final.MotivoPausa);
        var lida = await http.GetFromJsonAsync<JsonElement>($"/api/campanhas/{campanha.Id}");
        Assert.Equal(final.MotivoPausa, lida.GetProperty("motivoErro").GetString());

        // What never left goes through another number, once.
        await env.Simulator.AddInstanceAsync("loja-nova");
        var nova = await env.Seed.InstanciaAsync("loja-nova");
        var pendentes = (await env.Seed.EnviosPorTelefoneAsync(campanha.Id)).Where(e => e.Value.Status == StatusEnvio.Pendente).Select(e => e.Key).ToList();
        using var reenvio = await http.PostAsJsonAsync($"/api/campanhas/{campanha.Id}/reenviar", new { status = new[] { "pendente" }, instanciaId = nova.Id });
        var segunda = (await reenvio.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, reenvio.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/campanhas/{segunda}/iniciar", null)).StatusCode);
        await env.WaitForStatusAsync(segunda, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        PipelineAssertions.ExactlyOneSendPerRecipient(await env.Simulator.SendsAsync("loja-nova"), [new CampanhaSemeada(segunda, "loja-nova", pendentes)]);
    }

    /// <summary>The worker, an instance open in the simulator and a campaign of 20 at 1 s with three sends through.</summary>
    async Task<CampanhaSemeada> EnviandoAsync(PipelineEnvironment env, string instancia)
    {
        await env.StartWorkerAsync(extra: SemVerificacaoPeriodica, output: output);
        await env.Simulator.AddInstanceAsync(instancia);
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(instancia), destinatarios: 20, intervaloSegundos: 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count(r => r.Outcome == "accepted") >= 3,
            TimeSpan.FromSeconds(30), "três envios aceitos");
        return campanha;
    }

    /// <summary>
    /// The campaign reaches <c>erro</c> and its rows settle (none scheduled or in flight); then, past the scheduler's
    /// look-ahead, the messages that were already in the delay queue have all come due and none was sent; every row
    /// is sent, failed or pendente, and the counters equal the rows.
    /// </summary>
    async Task<Campanha> ParadaDeVezAsync(PipelineEnvironment env, CampanhaSemeada campanha)
    {
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Erro, TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            es => es.All(e => e.Status is not (StatusEnvio.Agendado or StatusEnvio.Enviando)), TimeSpan.FromSeconds(30),
            "nenhum envio agendado ou em curso");
        var aceitosAntes = (await env.Simulator.SendsAsync(campanha.Instancia)).Count(s => s.Outcome == "accepted");

        // Absence can only be seen over time: by then every message scheduled before the erro has come due.
        await Task.Delay(TimeSpan.FromSeconds(7));

        var sends = await env.Simulator.SendsAsync(campanha.Instancia);
        var envios = await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            es => es.Where(e => StatusEnvio.EhFinal(e.Status)).All(e => e.Contabilizado), TimeSpan.FromSeconds(30), "envios finais contados");
        var final = await env.Seed.CampanhaAsync(campanha.Id);
        output.WriteLine($"erro: {final.MotivoPausa}");
        output.WriteLine($"{envios.Count(e => e.Status == StatusEnvio.Enviado)} enviados, {envios.Count(e => e.Status == StatusEnvio.Pendente)} pendentes");
        Assert.Equal(StatusCampanha.Erro, final.Status);
        Assert.Equal(aceitosAntes, sends.Count(s => s.Outcome == "accepted"));
        Assert.Equal(envios.Count(e => e.Status == StatusEnvio.Enviado), aceitosAntes);
        Assert.All(envios, e => Assert.Contains(e.Status, new[] { StatusEnvio.Enviado, StatusEnvio.Pendente }));
        Assert.Contains(envios, e => e.Status == StatusEnvio.Pendente);
        PipelineAssertions.CountersMatchRows(final, envios);
        return final;
    }
}

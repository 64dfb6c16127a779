using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// P5: a campaign whose instance is not <c>open</c> pauses by itself, with the reason, and its rows go back to
/// pending without counting as failures; once reconnected it finishes with no resend, resumed by the operator or, if
/// it was created with <c>retomar_automaticamente</c>, by itself.
/// </summary>
public sealed class When_the_instance_disconnects(ITestOutputHelper output)
{
    static readonly Dictionary<string, string?> VerificacaoRapida = new()
    {
        ["Scheduler:InstanceCheckEvery"] = "00:00:01",
        // The row refused by the closed connection is held back this long; shorter only to keep the tests short.
        ["Sender:EsperaInstancia"] = "00:00:03",
    };

    [Fact]
    public async Task Should_pause_with_the_reason_and_finish_after_resume_without_resending()
    {
        await using var env = await PipelineEnvironment.CreateAsync("disconnect");
        var campanha = await PausadaPelaQuedaAsync(env, "loja-cai");

        await env.Simulator.SetStateAsync("loja-cai", "open");
        Assert.IsType<TransicaoAceita>(await env.RetomarAsync(campanha.Id));
        var (sends, envios) = await ConcluidaSemReenvioAsync(env, campanha);

        // tentativas counts the calls made: the ones refused by the closed connection too, and nothing more.
        var chamadas = sends.GroupBy(s => s.Number!).ToDictionary(g => g.Key, g => g.Count());
        var telefones = await env.Seed.TelefonesAsync(campanha.Id);
        Assert.All(envios, e =>
        {
            Assert.Equal(chamadas[telefones[e.ClienteId]], e.Tentativas);
            Assert.Equal(e.Tentativas - 1, e.FalhasInstancia);
        });
    }

    [Fact]
    public async Task Should_resume_by_itself_once_reconnected_when_auto_resume_is_on()
    {
        await using var env = await PipelineEnvironment.CreateAsync("reconnect");
        var campanha = await PausadaPelaQuedaAsync(env, "loja-volta", retomarAutomaticamente: true);

        await env.Simulator.SetStateAsync("loja-volta", "open");

        // No operator command from here on: the monitor's next periodic check finds the instance open.
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Enviando, TimeSpan.FromSeconds(10));
        await ConcluidaSemReenvioAsync(env, campanha);
        var final = await env.Seed.CampanhaAsync(campanha.Id);
        Assert.False(final.PausadaPelaInstancia);
        Assert.Null(final.MotivoPausa);
    }

    [Fact]
    public async Task Should_wait_for_the_operator_once_reconnected_when_auto_resume_is_off()
    {
        await using var env = await PipelineEnvironment.CreateAsync("noresume");
        var campanha = await PausadaPelaQuedaAsync(env, "loja-espera");

        await env.Simulator.SetStateAsync("loja-espera", "open");

        // Absence can only be seen over time: with checks every second, an automatic resume would have come by now.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(StatusCampanha.Pausada, await env.Seed.StatusAsync(campanha.Id));
        Assert.IsType<TransicaoAceita>(await env.RetomarAsync(campanha.Id));
        await ConcluidaSemReenvioAsync(env, campanha);
    }

    /// <summary>
    /// Starts the worker and a campaign of ten at 1 s, lets three sends through and closes the instance in the simulator;
    /// then the pause names the instance and is the instance's, and no row is left scheduled or counted as failed.
    /// </summary>
    async Task<CampanhaSemeada> PausadaPelaQuedaAsync(PipelineEnvironment env, string instancia, bool retomarAutomaticamente = false)
    {
        await env.StartWorkerAsync(extra: VerificacaoRapida, output: output);
        await env.Simulator.AddInstanceAsync(instancia);
        var loja = await env.Seed.InstanciaAsync(instancia);
        var campanha = await env.Seed.CampanhaAsync(loja, 10, 1, retomarAutomaticamente: retomarAutomaticamente);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(instancia), s => s.Count >= 3, TimeSpan.FromSeconds(30),
            "três envios antes da queda");

        // No webhook: either the poll or a send's "Connection Closed" has to notice.
        await env.Simulator.SetStateAsync(instancia, "close");

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Pausada, TimeSpan.FromSeconds(20));
        var pausada = await env.Seed.CampanhaAsync(campanha.Id);
        output.WriteLine($"motivo_pausa: {pausada.MotivoPausa}");
        Assert.Contains(instancia, pausada.MotivoPausa);
        Assert.True(pausada.PausadaPelaInstancia);

        // A send that was already in flight finishes; after that every row is either sent or back to pending.
        var envios = await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            es => es.All(e => e.Status is StatusEnvio.Pendente or StatusEnvio.Enviado), TimeSpan.FromSeconds(20),
            "linhas enviadas ou de volta a pendente");
        Assert.Contains(envios, e => e.Status == StatusEnvio.Pendente);
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
        return campanha;
    }

    /// <summary>Concluded with every recipient sent exactly once, paced, nothing counted as a failure.</summary>
    async Task<(IReadOnlyList<SimRequest> Sends, List<EnvioDetalhe> Envios)> ConcluidaSemReenvioAsync(PipelineEnvironment env,
        CampanhaSemeada campanha)
    {
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var sends = await env.Simulator.SendsAsync(campanha.Instancia);
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        Assert.All(envios, e => Assert.Equal(StatusEnvio.Enviado, e.Status));
        var final = await env.Seed.CampanhaAsync(campanha.Id);
        PipelineAssertions.CountersMatchRows(final, envios);
        Assert.Equal(0, final.Falhas);
        return (sends, envios);
    }

    [Fact]
    public async Task Should_be_paused_by_the_poll_before_anything_is_sent()
    {
        await using var env = await PipelineEnvironment.CreateAsync("connecting");
        await env.StartWorkerAsync(extra: VerificacaoRapida, output: output);
        // The database still believes the instance is open (as it was when the campaign was validated).
        await env.Simulator.AddInstanceAsync("loja-conectando", state: "connecting");
        var loja = await env.Seed.InstanciaAsync("loja-conectando");
        var campanha = await env.Seed.CampanhaAsync(loja, 10, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Pausada, TimeSpan.FromSeconds(20));
        var pausada = await env.Seed.CampanhaAsync(campanha.Id);
        output.WriteLine($"motivo_pausa: {pausada.MotivoPausa}");
        Assert.Contains("loja-conectando", pausada.MotivoPausa);
        Assert.Contains("connecting", pausada.MotivoPausa);

        await using (var db = env.Seed.Db())
        {
            var instancia = db.Instancias.Single(i => i.Id == loja.Id);
            Assert.Equal(EstadoInstancia.Connecting, instancia.Estado);
            Assert.NotNull(instancia.EstadoAtualizadoEm);
        }

        var envios = await env.Seed.EnviosAsync(campanha.Id);
        Assert.All(envios, e =>
        {
            Assert.Equal(StatusEnvio.Pendente, e.Status);
            Assert.Equal(0, e.Tentativas);
        });
        var pedidos = await env.Simulator.RequestsAsync("loja-conectando");
        Assert.DoesNotContain(pedidos, r => r.Route.Contains("sendText", StringComparison.Ordinal));
        Assert.Contains(pedidos, r => r.Route.Contains("connectionState", StringComparison.Ordinal));
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>Graceful shutdown: SIGTERM lets the send in flight finish and be stored, and takes no new one.</summary>
public sealed class When_a_sender_is_stopped(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_finish_the_send_in_flight_and_start_no_other()
    {
        await using var env = await PipelineEnvironment.CreateAsync("sigterm");
        await env.StartWorkerAsync("scheduler,counters,saga", output: output);
        var sender = await env.StartSenderProcessAsync("sender-sigterm");
        await env.Simulator.AddInstanceAsync("loja-term");
        // Evolution answers after 2 s: a send is in flight long enough to stop the process in the middle of it.
        await env.Simulator.SetLatencyAsync(TimeSpan.FromSeconds(2));
        var loja = await env.Seed.InstanciaAsync("loja-term");
        var campanha = await env.Seed.CampanhaAsync(loja, 6, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        var emVoo = (await Eventually.UntilAsync(() => env.Simulator.SendsAsync(), s => s.Any(r => r.Outcome == "pending"),
            TimeSpan.FromSeconds(30), "um envio em andamento")).First(r => r.Outcome == "pending");
        var paradaEm = DateTime.UtcNow;
        await sender.TerminateAsync(TimeSpan.FromSeconds(40));
        output.WriteLine($"o sender parou {(DateTime.UtcNow - paradaEm).TotalMilliseconds:0} ms depois do SIGTERM");

        var depois = await env.Simulator.SendsAsync();
        var terminado = depois.Single(r => r.Seq == emVoo.Seq);
        Assert.Equal("accepted", terminado.Outcome);
        Assert.DoesNotContain(depois, r => r.ArrivedAt > paradaEm && r.Seq != emVoo.Seq);
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        var linha = envios.Single(e => e.MensagemEnviada is not null && e.MessageId == terminado.MessageId);
        Assert.Equal(StatusEnvio.Enviado, linha.Status);
        Assert.DoesNotContain(envios, e => e.Status is StatusEnvio.Enviando or StatusEnvio.Erro or StatusEnvio.Incerto);

        // Another sender picks up where the stopped one left, with no resend.
        await env.Simulator.SetLatencyAsync(TimeSpan.Zero);
        await env.StartSenderProcessAsync("sender-2");
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(120));
        var sends = await env.Simulator.SendsAsync();
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        envios = await env.Seed.EnviosAsync(campanha.Id);
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using EnvioMassa.Worker.Scheduler;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>
/// P2 under a crash: a sender killed with SIGKILL while Evolution is answering its send. The one ambiguous row (Evolution
/// accepted, nobody stored it) ends <c>incerto</c>, is counted and never resent; every other recipient gets one send.
/// </summary>
public sealed class When_a_sender_is_killed(ITestOutputHelper output)
{
    static readonly Dictionary<string, string?> Leases = new()
    {
        // Short leases so the test sees the recovery in seconds; the turn and row leases stay above the send timeout.
        ["Evolution:SendTimeout"] = "00:00:04",
        ["Sender:TurnLease"] = "00:00:06",
        ["Scheduler:SendingLease"] = "00:00:08",
        ["Scheduler:SweepEvery"] = "00:00:01",
    };

    [Fact]
    public async Task Should_mark_the_ambiguous_row_incerto_and_send_nobody_twice()
    {
        await using var env = await PipelineEnvironment.CreateAsync("sigkill");
        await env.StartWorkerAsync("scheduler,counters,saga", Leases, output);
        var vitima = await env.StartSenderProcessAsync("sender-vitima", Leases);
        await env.Simulator.AddInstanceAsync("loja-kill");
        await env.Simulator.SetLatencyAsync(TimeSpan.FromSeconds(2));
        var loja = await env.Seed.InstanciaAsync("loja-kill");
        var campanha = await env.Seed.CampanhaAsync(loja, 6, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        var emVoo = (await Eventually.UntilAsync(() => env.Simulator.SendsAsync(), s => s.Any(r => r.Outcome == "pending"),
            TimeSpan.FromSeconds(30), "um envio em andamento")).First(r => r.Outcome == "pending");
        vitima.Kill();
        var mortoEm = DateTime.UtcNow;
        await env.Simulator.SetLatencyAsync(TimeSpan.Zero);
        await env.StartSenderProcessAsync("sender-novo", Leases);

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));
        output.WriteLine($"campanha concluída {(DateTime.UtcNow - mortoEm).TotalSeconds:0.0} s depois do SIGKILL");

        var sends = await env.Simulator.SendsAsync();
        var ambiguo = sends.Single(r => r.Seq == emVoo.Seq);
        Assert.Equal("accepted", ambiguo.Outcome);
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));

        var envios = await env.Seed.EnviosAsync(campanha.Id);
        var incertos = envios.Where(e => e.Status == StatusEnvio.Incerto).ToList();
        output.WriteLine($"{incertos.Count} envio(s) incerto(s); {envios.Count(e => e.Status == StatusEnvio.Enviado)} enviados");
        var incerto = Assert.Single(incertos);
        Assert.Equal(Varredura.MotivoIncerto, incerto.ErroMensagem);
        Assert.Equal(ambiguo.Text, incerto.MensagemEnviada);
        Assert.All(envios.Where(e => e.Id != incerto.Id), e => Assert.Equal(StatusEnvio.Enviado, e.Status));
        Assert.All(envios, e => Assert.Equal(1, e.Tentativas));
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// Three campaigns on two instances (two share one) at a 1 s interval, end to end on the real RabbitMQ, MariaDB and
/// the simulator: one send per recipient, paced per instance across campaigns, counters exact, all concluded.
/// </summary>
public sealed class When_campaigns_share_instances(ITestOutputHelper output)
{
    static readonly TimeSpan Intervalo = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Should_send_each_recipient_once_paced_per_instance_with_one_worker()
    {
        await using var env = await PipelineEnvironment.CreateAsync("share1");
        await env.StartWorkerAsync(output: output);
        await RunThreeCampaignsAsync(env);
    }

    [Fact]
    public async Task Should_send_each_recipient_once_paced_per_instance_with_three_sender_processes()
    {
        await using var env = await PipelineEnvironment.CreateAsync("share3");
        await env.StartWorkerAsync("scheduler,counters,saga", output: output);
        await Task.WhenAll(
            env.StartSenderProcessAsync("sender-1"),
            env.StartSenderProcessAsync("sender-2"),
            env.StartSenderProcessAsync("sender-3"));
        await RunThreeCampaignsAsync(env);
    }

    [Fact]
    public async Task Should_send_each_recipient_once_with_two_scheduler_replicas()
    {
        await using var env = await PipelineEnvironment.CreateAsync("sched2");
        await env.StartWorkerAsync(output: output);
        await env.StartWorkerProcessAsync("scheduler-2", "scheduler,sender");
        await RunThreeCampaignsAsync(env);
    }

    async Task RunThreeCampaignsAsync(PipelineEnvironment env)
    {
        await env.Simulator.AddInstanceAsync("loja-a");
        await env.Simulator.AddInstanceAsync("loja-b");
        var lojaA = await env.Seed.InstanciaAsync("loja-a");
        var lojaB = await env.Seed.InstanciaAsync("loja-b");
        var campanhas = new[]
        {
            await env.Seed.CampanhaAsync(lojaA, 8, 1),
            await env.Seed.CampanhaAsync(lojaA, 8, 1),
            await env.Seed.CampanhaAsync(lojaB, 10, 1),
        };

        foreach (var c in campanhas)
            Assert.IsType<TransicaoAceita>(await env.IniciarAsync(c.Id));
        foreach (var c in campanhas)
            await env.WaitForStatusAsync(c.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));

        var sends = await env.Simulator.SendsAsync();
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, campanhas);
        output.Log(PipelineAssertions.Pacing(sends, Intervalo));
        foreach (var c in campanhas)
        {
            var campanha = await env.Seed.CampanhaAsync(c.Id);
            var envios = await env.Seed.EnviosAsync(c.Id);
            Assert.All(envios, e => Assert.Equal(StatusEnvio.Enviado, e.Status));
            Assert.All(envios, e => Assert.Equal(1, e.Tentativas));
            Assert.All(envios, e => Assert.StartsWith("3EB0", e.MessageId));
            PipelineAssertions.CountersMatchRows(campanha, envios);
            Assert.NotNull(campanha.DataInicio);
            Assert.NotNull(campanha.DataConclusao);
        }
    }
}

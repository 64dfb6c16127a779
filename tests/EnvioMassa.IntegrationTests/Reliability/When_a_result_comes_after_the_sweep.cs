using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using EnvioMassa.Worker.Sender;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>
/// A send whose answer takes longer than <c>Scheduler:SendingLease</c>: the sweep resolves the row as <c>incerto</c>
/// (and counts it) while Evolution is still answering. When the acceptance then arrives, the sender must see that its
/// update moved no row: it keeps Evolution's <c>message_id</c> on the incerto row, announces nothing and counts nothing
/// again — before, it logged "enviada", published the result and dropped the id.
/// </summary>
public sealed class When_a_result_comes_after_the_sweep(ITestOutputHelper output)
{
    static readonly Dictionary<string, string?> Prazos = new()
    {
        ["Evolution:SendTimeout"] = "00:00:10",
        ["Sender:TurnLease"] = "00:00:15",
        ["Scheduler:SendingLease"] = "00:00:02",
        ["Scheduler:SweepEvery"] = "00:00:00.500",
    };

    [Fact]
    public async Task Should_keep_the_accepted_message_id_on_the_incerto_row_and_count_it_once()
    {
        await using var env = await PipelineEnvironment.CreateAsync("tardio");
        await env.StartWorkerAsync(extra: Prazos, output: output);
        await env.Simulator.AddInstanceAsync("loja-lenta");
        await env.Simulator.SetLatencyAsync(TimeSpan.FromSeconds(5));
        var loja = await env.Seed.InstanciaAsync("loja-lenta");
        var campanha = await env.Seed.CampanhaAsync(loja, 1, 1);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        var linha = await Eventually.UntilAsync(async () => (await env.Seed.EnviosAsync(campanha.Id)).Single(),
            e => e.Status == StatusEnvio.Incerto && e.MessageId is not null, TimeSpan.FromSeconds(60),
            "o envio incerto com o message_id aceito pela Evolution");
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(30));

        var envio = Assert.Single(await env.Simulator.SendsAsync("loja-lenta"));
        Assert.Equal(envio.MessageId, linha.MessageId);
        Assert.Equal(EnviarMensagemConsumer.AceitoDepoisDeIncerto, linha.ErroMensagem);
        var lida = await env.Seed.CampanhaAsync(campanha.Id);
        PipelineAssertions.CountersMatchRows(lida, await env.Seed.EnviosAsync(campanha.Id));
        Assert.Equal((0, 1), (lida.Sucessos, lida.Falhas));
    }
}

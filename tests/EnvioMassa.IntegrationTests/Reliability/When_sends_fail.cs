using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>
/// P6: transient failures are retried with backoff up to 3 calls in all, permanent ones fail at once, and
/// <c>tentativas</c> always equals the calls Evolution received for the row.
/// </summary>
public sealed class When_sends_fail(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_retry_transient_failures_up_to_three_calls_and_fail_permanent_ones_at_once()
    {
        await using var env = await PipelineEnvironment.CreateAsync("retry");
        await env.StartWorkerAsync(extra: new Dictionary<string, string?>
        {
            ["Sender:Backoff:0"] = "00:00:01",
            ["Sender:Backoff:1"] = "00:00:02",
        }, output: output);
        await env.Simulator.AddInstanceAsync("loja-falhas");
        var loja = await env.Seed.InstanciaAsync("loja-falhas");
        var campanha = await env.Seed.CampanhaAsync(loja, 5, 1);
        var (recupera, esgota, inexistente, lenta, normal) =
            (campanha.Telefones[0], campanha.Telefones[1], campanha.Telefones[2], campanha.Telefones[3], campanha.Telefones[4]);
        await env.Simulator.AddFaultAsync(recupera, "error_5xx", 2);
        await env.Simulator.AddFaultAsync(esgota, "timed_out", 5);
        await env.Simulator.AddFaultAsync(inexistente, "exists_false", 5);
        await env.Simulator.AddFaultAsync(lenta, "too_many_requests", 1);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));

        var sends = await env.Simulator.SendsAsync();
        var envios = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        foreach (var (telefone, envio) in envios)
        {
            var chamadas = sends.Count(s => s.Number == telefone);
            output.WriteLine($"{telefone}: {envio.Status}, tentativas {envio.Tentativas}, chamadas {chamadas}, erro: {envio.ErroMensagem}");
            Assert.Equal(chamadas, envio.Tentativas);
        }

        Assert.Equal((StatusEnvio.Enviado, 3), (envios[recupera].Status, envios[recupera].Tentativas));
        Assert.Equal((StatusEnvio.Erro, 3), (envios[esgota].Status, envios[esgota].Tentativas));
        Assert.Contains("Timed Out", envios[esgota].ErroMensagem);
        Assert.Equal((StatusEnvio.Erro, 1), (envios[inexistente].Status, envios[inexistente].Tentativas));
        Assert.Equal((StatusEnvio.Enviado, 2), (envios[lenta].Status, envios[lenta].Tentativas));
        Assert.Equal((StatusEnvio.Enviado, 1), (envios[normal].Status, envios[normal].Tentativas));
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), [.. envios.Values]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));
    }
}

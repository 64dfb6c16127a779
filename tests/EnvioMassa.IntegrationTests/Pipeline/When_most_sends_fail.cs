using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>A list where most numbers are not on WhatsApp pauses itself with the figures, before it is burned.</summary>
public sealed class When_most_sends_fail(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_pause_with_the_failure_figures_before_the_list_is_burned()
    {
        await using var env = await PipelineEnvironment.CreateAsync("burst");
        await env.StartWorkerAsync(extra: new Dictionary<string, string?>
        {
            ["Sender:FailureBurstWindow"] = "5",
            ["Sender:FailureBurstRatio"] = "0.8",
        }, output: output);
        await env.Simulator.AddInstanceAsync("loja-lista-ruim");
        var loja = await env.Seed.InstanciaAsync("loja-lista-ruim");
        var campanha = await env.Seed.CampanhaAsync(loja, 15, 1);
        await env.Simulator.SetMissingNumbersAsync(campanha.Telefones.Take(12));
        Assert.IsType<EnvioMassa.Contracts.TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Pausada, TimeSpan.FromSeconds(30));
        var pausada = await env.Seed.CampanhaAsync(campanha.Id);
        output.WriteLine($"motivo_pausa: {pausada.MotivoPausa}");
        Assert.StartsWith("Pausada automaticamente: 5 das últimas 5 mensagens falharam (último erro: ", pausada.MotivoPausa);

        var envios = await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            es => es.All(e => e.Status is StatusEnvio.Pendente or StatusEnvio.Erro), TimeSpan.FromSeconds(20),
            "linhas com erro ou de volta a pendente");
        var erros = envios.Count(e => e.Status == StatusEnvio.Erro);
        output.WriteLine($"{erros} erro(s), {envios.Count(e => e.Status == StatusEnvio.Pendente)} pendente(s)");
        Assert.InRange(erros, 5, 7);
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }
}

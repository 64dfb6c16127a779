using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>P4: after a pause is acknowledged no send starts later than 1 s; resume finishes with no resend.</summary>
public sealed class When_a_campaign_is_paused(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_not_send_after_pause_and_finish_after_resume_without_resending()
    {
        await using var env = await PipelineEnvironment.CreateAsync("pause");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja-pausa");
        var loja = await env.Seed.InstanciaAsync("loja-pausa");
        var campanha = await env.Seed.CampanhaAsync(loja, 15, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(), s => s.Count >= 3, TimeSpan.FromSeconds(30),
            "três envios antes da pausa");
        var pausa = Assert.IsType<TransicaoAceita>(await env.PausarAsync(campanha.Id));
        var confirmadaEm = DateTime.UtcNow;
        Assert.Equal(StatusCampanha.Pausada, pausa.Status);

        // Absence can only be seen over time: at a 1 s interval, three more sends would have happened by now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var antes = await env.Simulator.SendsAsync();
        var atrasados = antes.Where(s => s.ArrivedAt > confirmadaEm + TimeSpan.FromSeconds(1)).ToList();
        Assert.True(atrasados.Count == 0,
            $"{atrasados.Count} envio(s) mais de 1 s depois da pausa confirmada: {string.Join(", ", atrasados.Select(a => a.ArrivedAt.ToString("O")))}");
        output.WriteLine($"{antes.Count} envios antes da pausa; o último chegou {(antes[^1].ArrivedAt - confirmadaEm).TotalMilliseconds:0} ms depois da confirmação");
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        Assert.DoesNotContain(envios, e => e.Status is StatusEnvio.Agendado);

        var deNovo = Assert.IsType<TransicaoRecusada>(await env.PausarAsync(campanha.Id));
        Assert.Equal(StatusCampanha.Pausada, deNovo.StatusAtual);
        Assert.Contains("pausada", deNovo.Motivo);

        Assert.IsType<TransicaoAceita>(await env.RetomarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var sends = await env.Simulator.SendsAsync();
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));
        envios = await env.Seed.EnviosAsync(campanha.Id);
        Assert.All(envios, e => Assert.Equal(1, e.Tentativas));
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }
}

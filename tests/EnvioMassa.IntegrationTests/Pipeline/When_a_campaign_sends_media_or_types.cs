using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// A campaign with <c>midia</c> goes through <c>sendMedia</c> with the rendered text as caption; one with
/// <c>digitando</c> asks Evolution for "typing…" inside the gap: sharing a number with a campaign that does not type,
/// the messages still leave at least the interval apart, and the typing does not stretch the gap.
/// </summary>
public sealed class When_a_campaign_sends_media_or_types(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_send_the_media_with_each_customers_text_as_its_caption()
    {
        await using var env = await PipelineEnvironment.CreateAsync("midia");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var campanha = await env.Seed.CampanhaAsync(loja, 4, 1, configurar: c =>
            (c.MidiaTipo, c.MidiaUrl, c.MidiaNomeArquivo) = ("document", "https://exemplo.com.br/boleto.pdf", "boleto.pdf"));

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        var linhas = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        Assert.All(sends, s =>
        {
            Assert.Contains("sendMedia", s.Route);
            Assert.Equal("document https://exemplo.com.br/boleto.pdf", s.Media);
            Assert.Equal(linhas[s.Number!].MensagemEnviada, s.Text);
        });
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), [.. linhas.Values]);
    }

    [Fact]
    public async Task Should_type_inside_the_gap_and_keep_the_gap_whole_beside_a_campaign_that_does_not_type()
    {
        var intervalo = TimeSpan.FromSeconds(3);
        await using var env = await PipelineEnvironment.CreateAsync("digitando");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var digitando = await env.Seed.CampanhaAsync(loja, 4, (int)intervalo.TotalSeconds, configurar: c => c.Digitando = true);
        var direta = await env.Seed.CampanhaAsync(loja, 4, (int)intervalo.TotalSeconds);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(digitando.Id));
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(direta.Id));
        await env.WaitForStatusAsync(digitando.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));
        await env.WaitForStatusAsync(direta.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));

        var sends = await env.Simulator.SendsAsync("loja");
        foreach (var s in sends.OrderBy(PipelineAssertions.Saida))
            output.WriteLine($"{s.ArrivedAt:HH:mm:ss.fff} delay {s.DelayMs ?? 0} ms → sai {PipelineAssertions.Saida(s):HH:mm:ss.fff} {s.Number}");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [digitando, direta]);
        var telefonesQueDigitam = (await env.Seed.EnviosPorTelefoneAsync(digitando.Id)).Keys.ToHashSet();
        // Typing: about 50 ms a character, at most half the 3 s gap; none for the other campaign.
        Assert.All(sends, s =>
        {
            if (telefonesQueDigitam.Contains(s.Number!))
                Assert.InRange(s.DelayMs ?? 0, 1000, 1500);
            else
                Assert.Null(s.DelayMs);
        });
        // The gap is between messages as the recipients see them, typing included, whatever the mix.
        output.Log(PipelineAssertions.Pacing(sends, intervalo));
        var saidas = sends.Select(PipelineAssertions.Saida).Order().ToList();
        var media = saidas.Zip(saidas.Skip(1), (a, b) => (b - a).TotalMilliseconds).Average();
        Assert.True(media < (intervalo + TimeSpan.FromMilliseconds(700)).TotalMilliseconds,
            $"intervalo médio entre mensagens {media:0} ms: a digitação foi somada ao intervalo em vez de contada dentro dele");
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// Issue 10's pacing, seen where Evolution sees it (the simulator's request log): random gaps inside their range,
/// the long pause after every N sends of a number, and campaigns sharing a number taking turns.
/// </summary>
public sealed class When_a_number_is_paced_like_a_person(ITestOutputHelper output)
{
    static readonly TimeSpan Tolerancia = TimeSpan.FromMilliseconds(50);

    static List<TimeSpan> Gaps(IEnumerable<SimRequest> sends)
    {
        var chegadas = sends.OrderBy(s => s.ArrivedAt).Select(s => s.ArrivedAt).ToList();
        return chegadas.Zip(chegadas.Skip(1), (a, b) => b - a).ToList();
    }

    void Log(string titulo, IEnumerable<TimeSpan> gaps) =>
        output.WriteLine($"{titulo}: {string.Join(" ", gaps.Select(g => $"{g.TotalMilliseconds:0}"))} ms");

    [Fact]
    public async Task Should_draw_every_gap_inside_min_and_max_and_spread_over_the_range()
    {
        await using var env = await PipelineEnvironment.CreateAsync("gaps");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var campanha = await env.Seed.CampanhaAsync(loja, 20, 1, configurar: c => c.IntervaloMaxSegundos = 3);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(120));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        var gaps = Gaps(sends);
        Log("intervalos", gaps);
        Assert.Equal(19, gaps.Count);
        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromSeconds(1) - Tolerancia, TimeSpan.FromSeconds(3.5)));
        // Drawn, not fixed: both halves of the range are used (each gap falls in either with probability ½).
        Assert.True(gaps.Count(g => g < TimeSpan.FromSeconds(2)) >= 2, "quase nenhum intervalo abaixo de 2 s");
        Assert.True(gaps.Count(g => g > TimeSpan.FromSeconds(2)) >= 2, "quase nenhum intervalo acima de 2 s");
        var media = gaps.Average(g => g.TotalSeconds);
        var desvio = Math.Sqrt(gaps.Average(g => Math.Pow(g.TotalSeconds - media, 2)));
        output.WriteLine($"média {media:0.00} s, desvio {desvio:0.00} s");
        Assert.True(desvio > 0.25, $"desvio de {desvio:0.00} s: os intervalos não variam");
    }

    [Fact]
    public async Task Should_pause_long_exactly_after_every_n_sends_of_the_number()
    {
        await using var env = await PipelineEnvironment.CreateAsync("pausa");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var campanha = await env.Seed.CampanhaAsync(loja, 8, 1, configurar: c => (c.PausaLongaACada, c.PausaLongaSegundos) = (3, 4));

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        var gaps = Gaps(sends);
        Log("intervalos", gaps);
        Assert.Equal(7, gaps.Count);
        for (var i = 0; i < gaps.Count; i++)
        {
            // Sends 1-3, pause, 4-6, pause, 7-8: the gaps before the 4th and the 7th send are the long ones.
            if (i is 2 or 5)
                Assert.InRange(gaps[i], TimeSpan.FromSeconds(4) - Tolerancia, TimeSpan.FromSeconds(4.6));
            else
                Assert.InRange(gaps[i], TimeSpan.FromSeconds(1) - Tolerancia, TimeSpan.FromSeconds(2.5));
        }
    }

    [Fact]
    public async Task Should_let_a_small_campaign_take_turns_with_a_big_one_on_the_same_number()
    {
        await using var env = await PipelineEnvironment.CreateAsync("turnos");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var grande = await env.Seed.CampanhaAsync(loja, 20, 1);
        var pequena = await env.Seed.CampanhaAsync(loja, 4, 1);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(grande.Id));
        await Eventually.UntilAsync(async () => (await env.Simulator.SendsAsync("loja")).Count, n => n >= 2, TimeSpan.FromSeconds(30),
            "a campanha grande começar a enviar");
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(pequena.Id));
        await env.WaitForStatusAsync(pequena.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        await env.WaitForStatusAsync(grande.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(90));

        var sends = (await env.Simulator.SendsAsync("loja")).OrderBy(s => s.ArrivedAt).ToList();
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [grande, pequena]);
        var daPequena = pequena.Telefones.ToHashSet();
        var sequencia = string.Concat(sends.Select(s => daPequena.Contains(s.Number!) ? 'p' : 'G'));
        output.WriteLine($"ordem dos envios: {sequencia}");
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1)));
        // From the small campaign's first send to its last, the two alternate: the big one sends between each pair.
        var primeiro = sequencia.IndexOf('p');
        var ultimo = sequencia.LastIndexOf('p');
        var grandesNoMeio = sequencia[primeiro..ultimo].Count(ch => ch == 'G');
        Assert.True(grandesNoMeio <= pequena.Telefones.Count,
            $"{grandesNoMeio} envios da campanha grande entre o primeiro e o último da pequena ({sequencia})");
        Assert.True(sequencia[(ultimo + 1)..].Contains('G'), $"a pequena só terminou depois da grande ({sequencia})");
    }
}

using EnvioMassa.Data.Entities;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Infrastructure;

public static class PipelineAssertions
{
    /// <summary>P2: every recipient got exactly one accepted send, and nobody else got any.</summary>
    public static void ExactlyOneSendPerRecipient(IReadOnlyList<SimRequest> sends, IEnumerable<CampanhaSemeada> campanhas)
    {
        var esperados = campanhas.SelectMany(c => c.Telefones.Select(t => (c.Instancia, t))).ToList();
        var aceitos = sends.Where(s => s.Outcome == "accepted").GroupBy(s => (s.Instance!, s.Number!))
            .ToDictionary(g => g.Key, g => g.Count());
        var duplicados = aceitos.Where(kv => kv.Value > 1).Select(kv => $"{kv.Key.Item2}×{kv.Value}").ToList();
        var faltando = esperados.Where(e => !aceitos.ContainsKey(e)).Select(e => e.t).ToList();
        var estranhos = aceitos.Keys.Except(esperados).Select(k => k.Item2).ToList();
        Assert.True(duplicados.Count == 0, "Enviados mais de uma vez: " + string.Join(", ", duplicados));
        Assert.True(faltando.Count == 0, "Nunca enviados: " + string.Join(", ", faltando));
        Assert.True(estranhos.Count == 0, "Enviados a quem não era destinatário: " + string.Join(", ", estranhos));
    }

    /// <summary>When a send's message left Evolution: on arrival, or after the "typing…" it asked for (<c>delay</c>).</summary>
    public static DateTime Saida(SimRequest s) => s.ArrivedAt + TimeSpan.FromMilliseconds(s.DelayMs ?? 0);

    /// <summary>
    /// P1: on each instance, consecutive messages leaving Evolution (<see cref="Saida"/>) are at least interval − 50 ms
    /// apart, and, when not saturated, the median gap is at most interval + 500 ms. Returns the figures for the test's output.
    /// </summary>
    public static string Pacing(IReadOnlyList<SimRequest> sends, TimeSpan intervalo, bool checkMedian = true)
    {
        var report = new List<string>();
        foreach (var instancia in sends.GroupBy(s => s.Instance))
        {
            var chegadas = instancia.OrderBy(Saida).ToList();
            var pares = chegadas.Zip(chegadas.Skip(1), (a, b) => (Gap: Saida(b) - Saida(a), A: a, B: b)).ToList();
            if (pares.Count == 0)
                continue;
            var ordenados = pares.Select(p => p.Gap).OrderBy(g => g).ToList();
            var mediana = ordenados[ordenados.Count / 2];
            report.Add($"{instancia.Key}: {chegadas.Count} envios, intervalo mín {ordenados[0].TotalMilliseconds:0} ms, " +
                       $"mediana {mediana.TotalMilliseconds:0} ms, máx {ordenados[^1].TotalMilliseconds:0} ms");
            var pior = pares.MinBy(p => p.Gap);
            Assert.True(pior.Gap >= intervalo - TimeSpan.FromMilliseconds(50),
                $"Instância {instancia.Key}: dois envios a {pior.Gap.TotalMilliseconds:0} ms um do outro (intervalo {intervalo.TotalMilliseconds} ms): " +
                $"{pior.A.Number} {pior.A.Outcome} {pior.A.ArrivedAt:O} e {pior.B.Number} {pior.B.Outcome} {pior.B.ArrivedAt:O}");
            if (checkMedian)
                Assert.True(mediana <= intervalo + TimeSpan.FromMilliseconds(500),
                    $"Instância {instancia.Key}: mediana {mediana.TotalMilliseconds:0} ms, mais lenta que o pedido ({intervalo.TotalMilliseconds} ms)");
        }

        return string.Join(Environment.NewLine, report);
    }

    /// <summary>P3: the campaign's counters equal the per-status counts of its rows.</summary>
    public static void CountersMatchRows(Campanha campanha, IReadOnlyList<EnvioDetalhe> envios)
    {
        var enviados = envios.Count(e => e.Status == StatusEnvio.Enviado);
        var falhas = envios.Count(e => e.Status is StatusEnvio.Erro or StatusEnvio.Incerto);
        Assert.Equal(envios.Count, campanha.TotalClientes);
        Assert.Equal(enviados, campanha.Sucessos);
        Assert.Equal(falhas, campanha.Falhas);
        Assert.Equal(enviados + falhas, campanha.Enviados);
    }

    public static void Log(this ITestOutputHelper output, string text)
    {
        foreach (var line in text.Split(Environment.NewLine))
            output.WriteLine(line);
    }
}

using System.Diagnostics;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>
/// The fault suite: 2,000 recipients over ten instances (a campaign per instance) at a 1 s interval, while Evolution
/// answers 10 % 5xx, 3 % timeouts and 2 % exists:false, and one fault hits mid-campaign: a sender killed with SIGKILL
/// three times, RabbitMQ restarted, MariaDB restarted, an instance disconnected and reconnected. After each: nobody
/// sent twice, no row left in flight, counters equal to the rows, no instance paced closer than its interval,
/// at most 3 counted attempts per row and <c>tentativas</c> equal to the calls Evolution received.
/// </summary>
public sealed class When_a_large_campaign_meets_faults(ITestOutputHelper output)
{
    const int Instancias = 10;
    static readonly TimeSpan Intervalo = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Conclusao = TimeSpan.FromMinutes(10);

    /// <summary>2,000 unless <c>ENVIOMASSA_FAULT_SUITE_RECIPIENTS</c> asks for another size (a quicker local run).</summary>
    static int Destinatarios =>
        int.TryParse(Environment.GetEnvironmentVariable("ENVIOMASSA_FAULT_SUITE_RECIPIENTS"), out var n) && n >= Instancias ? n : 2000;

    /// <summary>Leases and backoffs short enough for a test, each still above the send timeout it must outlast.</summary>
    static readonly Dictionary<string, string?> Configuracao = new()
    {
        ["Evolution:SendTimeout"] = "00:00:03",
        ["Sender:TurnLease"] = "00:00:06",
        ["Sender:Backoff:0"] = "00:00:02",
        ["Sender:Backoff:1"] = "00:00:05",
        ["Scheduler:SendingLease"] = "00:00:08",
        ["Scheduler:ScheduledGrace"] = "00:00:20",
        ["Scheduler:UncountedGrace"] = "00:00:10",
        ["Scheduler:SweepEvery"] = "00:00:01",
        ["Scheduler:InstanceCheckEvery"] = "00:00:02",
    };

    static readonly FaultSettings EvolutionInstavel = new()
    {
        LatencyMs = 100,
        JitterMs = 200,
        TimeoutHoldMs = 5_000,
        Rates = new FaultRates { Error5xx = 0.10, Timeout = 0.03, ExistsFalse = 0.02 },
    };

    [Fact]
    public async Task Should_send_nobody_twice_when_a_sender_is_killed_three_times()
    {
        await using var env = await PipelineEnvironment.CreateAsync("fkill");
        await env.StartWorkerAsync("scheduler,counters,saga", Configuracao, output);
        var vitima = await env.StartSenderProcessAsync("sender-vitima-1", Configuracao);
        await env.StartSenderProcessAsync("sender-estavel", Configuracao);
        var cenario = await IniciarAsync(env);

        for (var morte = 1; morte <= 3; morte++)
        {
            await AguardarFinaisAsync(env, cenario.Total * morte / 4);
            var emVoo = (await env.Simulator.SendsAsync()).Count(s => s.Outcome == "pending");
            vitima.Kill();
            output.WriteLine($"SIGKILL {morte} em {cenario.Relogio.Elapsed.TotalSeconds:0} s ({emVoo} pedidos ao Evolution em andamento)");
            vitima = await env.StartSenderProcessAsync($"sender-vitima-{morte + 1}", Configuracao);
        }

        await VerificarAsync(env, cenario, "SIGKILL ×3");
    }

    [Fact]
    public Task Should_send_nobody_twice_when_rabbitmq_restarts() =>
        ComServidorReiniciadoAsync("frabbit", LocalServices.StopRabbitMqAsync, "RabbitMQ");

    [Fact]
    public Task Should_send_nobody_twice_when_mariadb_restarts() =>
        ComServidorReiniciadoAsync("fmaria", LocalServices.StopMariaDbAsync, "MariaDB");

    [Fact]
    public async Task Should_pause_the_disconnected_instance_and_send_nobody_twice_after_it_reconnects()
    {
        await using var env = await PipelineEnvironment.CreateAsync("fdisc");
        await env.StartWorkerAsync(extra: Configuracao, output: output);
        await env.StartSenderProcessAsync("sender-2", Configuracao);
        var cenario = await IniciarAsync(env);
        var alvo = cenario.Campanhas[2];

        await AguardarFinaisAsync(env, cenario.Total / 3);
        await env.Simulator.SetStateAsync(alvo.Instancia, "close");
        var caiuEm = cenario.Relogio.Elapsed;
        await env.WaitForStatusAsync(alvo.Id, StatusCampanha.Pausada, TimeSpan.FromSeconds(30));
        var pausadaEm = DateTime.UtcNow;
        output.WriteLine($"{alvo.Instancia} desconectada em {caiuEm.TotalSeconds:0} s; campanha pausada " +
                         $"{(cenario.Relogio.Elapsed - caiuEm).TotalSeconds:0.0} s depois: {(await env.Seed.CampanhaAsync(alvo.Id)).MotivoPausa}");
        Assert.Contains(alvo.Instancia, (await env.Seed.CampanhaAsync(alvo.Id)).MotivoPausa);

        // While it is down its rows wait as pendente, none counted as a failure; the other instances go on.
        var parada = await Eventually.UntilAsync(() => env.Seed.EnviosAsync(alvo.Id),
            es => es.All(e => e.Status is not (StatusEnvio.Agendado or StatusEnvio.Enviando)), TimeSpan.FromSeconds(30),
            "nenhuma linha da instância desconectada agendada ou enviando");
        Assert.Contains(parada, e => e.Status == StatusEnvio.Pendente);
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(alvo.Id), parada);
        await AguardarFinaisAsync(env, cenario.Total / 2);
        var tardios = (await env.Simulator.SendsAsync(alvo.Instancia)).Where(s => s.ArrivedAt > pausadaEm.AddSeconds(1)).ToList();
        Assert.True(tardios.Count == 0, $"{tardios.Count} envios chegaram à instância pausada mais de 1 s depois da pausa");

        await env.Simulator.SetStateAsync(alvo.Instancia, "open");
        Assert.IsType<TransicaoAceita>(await env.RetomarAsync(alvo.Id));
        output.WriteLine($"{alvo.Instancia} reconectada e retomada em {cenario.Relogio.Elapsed.TotalSeconds:0} s");

        var envios = await VerificarAsync(env, cenario, "instância desconectada e reconectada");
        var recusadas = envios.Where(e => e.FalhasInstancia > 0).ToList();
        output.WriteLine($"{recusadas.Count} linha(s) recusadas pela conexão fechada voltaram à fila; " +
                         $"{recusadas.Count(e => e.Status == StatusEnvio.Enviado)} enviadas depois");
        Assert.DoesNotContain(envios, e => e.Status == StatusEnvio.Erro && e.ErroMensagem!.Contains("Connection Closed"));
    }

    sealed record Cenario(IReadOnlyList<CampanhaSemeada> Campanhas, int Total, Stopwatch Relogio);

    static async Task<Cenario> IniciarAsync(PipelineEnvironment env)
    {
        await env.Simulator.ConfigureAsync(EvolutionInstavel);
        var campanhas = new List<CampanhaSemeada>();
        for (var i = 1; i <= Instancias; i++)
        {
            var nome = $"loja-{i:D2}";
            await env.Simulator.AddInstanceAsync(nome);
            campanhas.Add(await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync(nome), Destinatarios / Instancias, (int)Intervalo.TotalSeconds));
        }

        var relogio = Stopwatch.StartNew();
        foreach (var c in campanhas)
            Assert.IsType<TransicaoAceita>(await env.IniciarAsync(c.Id));
        return new Cenario(campanhas, campanhas.Sum(c => c.Telefones.Count), relogio);
    }

    static Task AguardarFinaisAsync(PipelineEnvironment env, int finais) =>
        Eventually.UntilAsync(env.Seed.FinaisAsync, n => n >= finais, Conclusao, $"{finais} linhas em estado final");

    /// <summary>The server stopped at a third of the rows, down 5 s, started again.</summary>
    async Task ComServidorReiniciadoAsync(string proposito, Func<Task> parar, string servidor)
    {
        await using var env = await PipelineEnvironment.CreateAsync(proposito);
        await env.StartWorkerAsync(extra: Configuracao, output: output);
        await env.StartSenderProcessAsync("sender-2", Configuracao);
        var cenario = await IniciarAsync(env);

        await AguardarFinaisAsync(env, cenario.Total / 3);
        var paradoEm = cenario.Relogio.Elapsed;
        try
        {
            await parar();
            await Task.Delay(TimeSpan.FromSeconds(5)); // the outage itself: nothing to observe but time
        }
        finally
        {
            await LocalServices.StartAsync();
        }

        output.WriteLine($"{servidor} parado em {paradoEm.TotalSeconds:0} s, de volta em {cenario.Relogio.Elapsed.TotalSeconds:0} s");

        await VerificarAsync(env, cenario, $"{servidor} reiniciado");
    }

    /// <summary>Waits for every campaign to conclude, then checks P1, P2, P3 and P6 over every row and every request.</summary>
    async Task<List<EnvioDetalhe>> VerificarAsync(PipelineEnvironment env, Cenario cenario, string falha)
    {
        foreach (var c in cenario.Campanhas)
            await env.WaitForStatusAsync(c.Id, StatusCampanha.Concluida, Conclusao);
        var duracao = cenario.Relogio.Elapsed;

        var sends = await env.Simulator.SendsAsync();
        var chamadas = sends.ToLookup(s => (s.Instance!, s.Number!));
        var todos = new List<EnvioDetalhe>();
        var duplicados = new List<string>();
        var presos = new List<string>();
        var incoerentes = new List<string>();
        var incertosEnviados = 0;
        foreach (var c in cenario.Campanhas)
        {
            var envios = await env.Seed.EnviosPorTelefoneAsync(c.Id);
            PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(c.Id), [.. envios.Values]);
            foreach (var (telefone, envio) in envios)
            {
                todos.Add(envio);
                var deste = chamadas[(c.Instancia, telefone)].ToList();
                var aceitos = deste.Where(s => s.Outcome == "accepted").ToList();
                if (aceitos.Count > 1)
                    duplicados.Add($"{telefone}×{aceitos.Count}");
                switch (envio.Status)
                {
                    case StatusEnvio.Enviado when aceitos.Count != 1 || aceitos[0].MessageId != envio.MessageId:
                    case StatusEnvio.Erro when aceitos.Count != 0 || string.IsNullOrWhiteSpace(envio.ErroMensagem):
                        incoerentes.Add($"{telefone}: {envio.Status} com {aceitos.Count} envio(s) aceito(s)");
                        break;
                    case StatusEnvio.Incerto:
                        incertosEnviados += aceitos.Count;
                        break;
                    case StatusEnvio.Enviado or StatusEnvio.Erro:
                        break;
                    default:
                        presos.Add($"{telefone}: {envio.Status}");
                        break;
                }

                // The calls Evolution received; a sender killed between claim and call counted one that never left.
                var contaCerta = envio.Status == StatusEnvio.Incerto
                    ? envio.Tentativas - deste.Count is 0 or 1
                    : envio.Tentativas == deste.Count;
                if (!contaCerta)
                    incoerentes.Add($"{telefone}: tentativas {envio.Tentativas}, chamadas {deste.Count} ({envio.Status})");
                if (envio.Tentativas - envio.FalhasInstancia > 3)
                    incoerentes.Add($"{telefone}: {envio.Tentativas - envio.FalhasInstancia} tentativas contadas");
            }
        }

        var incertos = todos.Count(e => e.Status == StatusEnvio.Incerto);
        output.WriteLine($"{falha}: {todos.Count} linhas em {duracao.TotalSeconds:0} s; " +
                         $"enviado {todos.Count(e => e.Status == StatusEnvio.Enviado)}, erro {todos.Count(e => e.Status == StatusEnvio.Erro)}, " +
                         $"incerto {incertos} (dos quais o Evolution aceitou {incertosEnviados}); {sends.Count} chamadas ao Evolution " +
                         $"({string.Join(", ", sends.GroupBy(s => s.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); " +
                         $"tentativas máx {todos.Max(e => e.Tentativas)}; duplicados {duplicados.Count}; presos {presos.Count}");
        output.Log(PipelineAssertions.Pacing(sends, Intervalo));

        Assert.Equal(cenario.Total, todos.Count);
        Assert.True(duplicados.Count == 0, "Enviados mais de uma vez: " + string.Join(", ", duplicados));
        Assert.True(presos.Count == 0, "Linhas fora de um estado final: " + string.Join(", ", presos.Take(20)));
        Assert.True(incoerentes.Count == 0, "Linhas que não batem com o que o Evolution recebeu: " + string.Join("; ", incoerentes.Take(20)));
        Assert.DoesNotContain(sends, s => s.Outcome == "pending");
        return todos;
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// P1 and P2 when a sender stalls on its way to Evolution: the test holds the next row locked after the sender took
/// its pacing turn, so its claim commits later than the send's deadline (<c>Sender:MaxDispatchDelay</c> after the turn
/// it asked for). A stalled send must not go out late, next to whatever comes after it: it is not sent, its row goes
/// back to <c>pendente</c> with the attempt uncounted, and it is sent once later, paced like the rest.
/// </summary>
public sealed class When_a_send_misses_its_turn(ITestOutputHelper output)
{
    static readonly TimeSpan Intervalo = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Should_not_send_it_late_and_send_it_once_later()
    {
        await using var env = await PipelineEnvironment.CreateAsync("lateturn");
        await env.StartWorkerAsync("scheduler,counters,saga", output: output);
        var sender = await env.StartSenderProcessAsync("sender-atrasado");
        await env.Simulator.AddInstanceAsync("loja-atraso");
        var loja = await env.Seed.InstanciaAsync("loja-atraso");
        var campanha = await env.Seed.CampanhaAsync(loja, 3, (int)Intervalo.TotalSeconds);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        // Once the first send is stored the next one is seconds away: lock the rows still scheduled, so the next send
        // takes its pacing turn and then waits for its row's claim.
        await Eventually.UntilAsync(() => env.Seed.EnviosAsync(campanha.Id),
            es => es.Any(e => e.Status == StatusEnvio.Enviado) && es.Any(e => e.Status == StatusEnvio.Agendado),
            TimeSpan.FromSeconds(30), "o primeiro envio registrado e o próximo agendado");
        await using (var trava = env.Seed.Db())
        {
            await using var tx = await trava.Database.BeginTransactionAsync();
            await trava.Database.SqlQuery<int>(
                    $"SELECT id AS Value FROM envios_massa_detalhes WHERE campanha_id = {campanha.Id} AND status = 'agendado' FOR UPDATE")
                .ToListAsync();

            // The claim is waiting for the lock once it shows in the process list (it takes under a millisecond
            // otherwise); then it stays blocked past its turn's lead and dispatch delay.
            await Eventually.UntilAsync(() => ReivindicacoesBloqueadasAsync(env), n => n > 0, TimeSpan.FromSeconds(15),
                "o próximo envio esperando para reivindicar a linha");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(await env.Simulator.SendsAsync(campanha.Instancia));
            await tx.CommitAsync();
        }

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var sends = await env.Simulator.SendsAsync(campanha.Instancia);
        foreach (var s in sends.OrderBy(s => s.ArrivedAt))
            output.WriteLine($"{s.ArrivedAt:HH:mm:ss.fff} {s.Number} {s.Outcome}");
        foreach (var e in await env.Seed.EnviosAsync(campanha.Id))
            output.WriteLine($"envio {e.Id} {e.Status} tentativas {e.Tentativas} {e.DataEnvio:HH:mm:ss.fff}");
        output.WriteLine("saída do sender:\n" + sender.Output);
        Assert.Contains("não foi enviado: sairia", sender.Output);
        Assert.Contains("Envio não saiu a tempo da sua vez", sender.Output);

        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, Intervalo, checkMedian: false));
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        // The late attempt never reached Evolution and is not counted: one call, one attempt, for every row.
        Assert.All(envios, e =>
        {
            Assert.Equal(StatusEnvio.Enviado, e.Status);
            Assert.Equal(1, e.Tentativas);
        });
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }

    /// <summary>Claims of a row by a sender in this test's database that are still running, i.e. waiting for the lock.</summary>
    static async Task<int> ReivindicacoesBloqueadasAsync(PipelineEnvironment env)
    {
        await using var db = env.Seed.Db();
        var n = await db.Database.SqlQuery<int>(
                $"""
                 SELECT COUNT(*) AS Value FROM information_schema.PROCESSLIST
                 WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE '%SET d.status = ''enviando''%'
                 """)
            .ToListAsync();
        return n[0];
    }
}

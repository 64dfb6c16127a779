using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using EnvioMassa.Worker.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// A number's caps hold across every campaign of it and every sender: the campaigns wait in <c>enviando</c> saying
/// why, nothing more goes out, and they go on when the cap frees (the worker's calendar moved by the test).
/// </summary>
public sealed class When_a_number_reaches_its_caps(ITestOutputHelper output)
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    static async Task LimitarAsync(PipelineEnvironment env, int instanciaId, Action<Instancia> limites)
    {
        await using var db = env.Seed.Db();
        var instancia = await db.Instancias.SingleAsync(i => i.Id == instanciaId);
        limites(instancia);
        await db.SaveChangesAsync();
    }

    /// <summary>Waits until every campaign waits with a reason and nothing of theirs is scheduled or being sent.</summary>
    static async Task<List<string?>> EsperandoAsync(PipelineEnvironment env, IEnumerable<int> campanhas, string motivo)
    {
        var ids = campanhas.ToList();
        var r = await Eventually.UntilAsync(async () =>
            {
                await using var db = env.Seed.Db();
                var motivos = await db.Campanhas.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.MotivoEspera).ToListAsync();
                var emVoo = await db.Envios.CountAsync(e => ids.Contains(e.CampanhaId) && (e.Status == StatusEnvio.Agendado || e.Status == StatusEnvio.Enviando));
                return (Motivos: motivos, EmVoo: emVoo);
            }, x => x.EmVoo == 0 && x.Motivos.All(m => m?.StartsWith(motivo) == true), TimeSpan.FromSeconds(60),
            $"as campanhas esperarem com '{motivo}'");
        return r.Motivos;
    }

    [Fact]
    public async Task Should_never_exceed_the_hourly_cap_across_two_campaigns_and_three_senders_and_go_on_when_it_frees()
    {
        var calendario = new RelogioDeslocado();
        await using var env = await PipelineEnvironment.CreateAsync("porhora");
        await env.StartWorkerAsync("scheduler,counters,saga", output: output, services: s => s.AddSingleton(new Calendario(calendario)));
        await Task.WhenAll(env.StartSenderProcessAsync("sender-1"), env.StartSenderProcessAsync("sender-2"), env.StartSenderProcessAsync("sender-3"));
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        await LimitarAsync(env, loja.Id, i => i.LimitePorHora = 4);
        var campanhas = new[] { await env.Seed.CampanhaAsync(loja, 4, 1), await env.Seed.CampanhaAsync(loja, 4, 1) };

        foreach (var c in campanhas)
            Assert.IsType<TransicaoAceita>(await env.IniciarAsync(c.Id));
        var motivos = await EsperandoAsync(env, campanhas.Select(c => c.Id), "Limite por hora do número atingido");

        output.WriteLine($"motivoEspera: {motivos[0]}");
        var naHora = await env.Simulator.SendsAsync("loja");
        Assert.Equal(4, naHora.Count(s => s.Outcome == "accepted"));
        Assert.Contains("limite 4", motivos[0]);
        foreach (var c in campanhas)
            Assert.Equal(StatusCampanha.Enviando, await env.Seed.StatusAsync(c.Id));

        // An hour later by the calendar, the four sends have aged out of the cap: the rest goes.
        calendario.Ajustar(DateTimeOffset.UtcNow.AddMinutes(61));
        foreach (var c in campanhas)
            await env.WaitForStatusAsync(c.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, campanhas);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));
        foreach (var c in campanhas)
            Assert.Null((await env.Seed.CampanhaAsync(c.Id)).MotivoEspera);
    }

    [Fact]
    public async Task Should_hold_a_new_number_to_its_warm_up_day_and_go_on_the_next_day()
    {
        var calendario = new RelogioDeslocado();
        await using var env = await PipelineEnvironment.CreateAsync("aquecer");
        await env.StartWorkerAsync(output: output, services: s => s.AddSingleton(new Calendario(calendario)));
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var hoje = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).DateTime);
        // First day of a new number: 20 a day, whatever the campaigns ask.
        await LimitarAsync(env, loja.Id, i => (i.Aquecimento, i.ConectadaDesde) = (true, hoje));
        var campanha = await env.Seed.CampanhaAsync(loja, 22, 1);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        var motivos = await EsperandoAsync(env, [campanha.Id], "Limite diário do número atingido");

        output.WriteLine($"motivoEspera: {motivos[0]}");
        Assert.Contains("20 de 20, em aquecimento", motivos[0]);
        Assert.Equal(20, (await env.Simulator.SendsAsync("loja")).Count(s => s.Outcome == "accepted"));

        // The next day (00:00:05 in São Paulo by the calendar), the number's day starts again.
        var amanha = hoje.AddDays(1).ToDateTime(new TimeOnly(0, 0, 5));
        calendario.Ajustar(new DateTimeOffset(amanha, SaoPaulo.GetUtcOffset(amanha)));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        Assert.Null((await env.Seed.CampanhaAsync(campanha.Id)).MotivoEspera);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using EnvioMassa.Worker.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// A campaign with a window (Mon–Fri 08:00–20:00 São Paulo) started at Friday 19:59:56 by the worker's calendar: it
/// sends until the close, waits the weekend in <c>enviando</c> saying why, and goes on at Monday's opening. The
/// calendar is a clock the test moves; pacing and the simulator keep real time.
/// </summary>
public sealed class When_a_campaign_has_a_sending_window(ITestOutputHelper output)
{
    static readonly TimeSpan SaoPaulo = TimeSpan.FromHours(-3);

    [Fact]
    public async Task Should_send_nothing_outside_it_and_go_on_at_its_next_opening()
    {
        var calendario = new RelogioDeslocado();
        await using var env = await PipelineEnvironment.CreateAsync("janela");
        await env.StartWorkerAsync(output: output, services: s => s.AddSingleton(new Calendario(calendario)));
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var campanha = await env.Seed.CampanhaAsync(loja, 10, 1, configurar: c =>
            (c.JanelaDias, c.JanelaInicio, c.JanelaFim, c.JanelaFuso) = ("seg,ter,qua,qui,sex", new TimeOnly(8, 0), new TimeOnly(20, 0), "America/Sao_Paulo"));

        var fechamento = new DateTimeOffset(2026, 12, 4, 20, 0, 0, SaoPaulo); // a Friday
        var abertura = new DateTimeOffset(2026, 12, 7, 8, 0, 0, SaoPaulo);    // the Monday after
        calendario.Ajustar(fechamento - TimeSpan.FromSeconds(4));
        var deslocamentoSexta = calendario.Deslocamento;
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));

        // Closed: the campaign says why and nothing is left scheduled or sending.
        var esperando = await Eventually.UntilAsync(async () =>
            {
                await using var db = env.Seed.Db();
                var c = await db.Campanhas.AsNoTracking().SingleAsync(x => x.Id == campanha.Id);
                var emVoo = await db.Envios.CountAsync(e => e.CampanhaId == campanha.Id && (e.Status == StatusEnvio.Agendado || e.Status == StatusEnvio.Enviando));
                return (c.Status, c.MotivoEspera, EmVoo: emVoo);
            }, r => r.MotivoEspera is not null && r.EmVoo == 0, TimeSpan.FromSeconds(30), "a campanha esperar a janela abrir");
        output.WriteLine($"motivoEspera: {esperando.MotivoEspera}");
        Assert.Equal(StatusCampanha.Enviando, esperando.Status);
        Assert.Contains("seg 07/12 às 08:00", esperando.MotivoEspera);
        var sexta = await env.Simulator.SendsAsync("loja");
        Assert.InRange(sexta.Count, 1, 4);
        Assert.All(sexta, s => Assert.True(NoCalendario(s, deslocamentoSexta) < fechamento,
            $"enviado às {NoCalendario(s, deslocamentoSexta):HH:mm:ss.fff}, depois do fechamento"));

        // Monday 07:59:58: still closed for two seconds, then the window opens by itself.
        var salto = DateTime.UtcNow;
        calendario.Ajustar(abertura - TimeSpan.FromSeconds(2));
        var deslocamentoSegunda = calendario.Deslocamento;
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        var depois = sends.Where(s => s.ArrivedAt > salto).ToList();
        Assert.Equal(sends.Count - sexta.Count, depois.Count); // nothing arrived between the close and the jump
        output.WriteLine($"sexta: {sexta.Count}, segunda a partir de {depois.Min(s => NoCalendario(s, deslocamentoSegunda)):HH:mm:ss.fff}");
        Assert.All(depois, s => Assert.True(NoCalendario(s, deslocamentoSegunda) >= abertura,
            $"enviado às {NoCalendario(s, deslocamentoSegunda):HH:mm:ss.fff}, antes da abertura"));
        Assert.Null((await env.Seed.CampanhaAsync(campanha.Id)).MotivoEspera);
    }

    /// <summary>When a send arrived, by the worker's calendar.</summary>
    static DateTimeOffset NoCalendario(SimRequest s, TimeSpan deslocamento) =>
        new DateTimeOffset(DateTime.SpecifyKind(s.ArrivedAt, DateTimeKind.Utc)) + deslocamento;
}

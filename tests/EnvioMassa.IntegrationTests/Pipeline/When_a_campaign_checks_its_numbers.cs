using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// <c>verificarNumeros</c>: the phones are checked with <c>/chat/whatsappNumbers</c> in one small batch, in a turn of
/// the number like a send; a phone not on WhatsApp fails saying so and is never sent; the answers are cached, so a
/// second campaign to the same customers checks nothing.
/// </summary>
public sealed class When_a_campaign_checks_its_numbers(ITestOutputHelper output)
{
    static readonly TimeSpan Intervalo = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Should_check_in_a_paced_batch_never_send_to_a_number_without_whatsapp_and_reuse_the_answers()
    {
        await using var env = await PipelineEnvironment.CreateAsync("verificar");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var campanha = await env.Seed.CampanhaAsync(loja, 6, (int)Intervalo.TotalSeconds, configurar: c => c.VerificarNumeros = true);
        var semWhatsApp = campanha.Telefones.Take(2).ToHashSet();
        await env.Simulator.SetMissingNumbersAsync(semWhatsApp);

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var pedidos = await env.Simulator.RequestsAsync("loja");
        var verificacoes = pedidos.Where(p => p.Route.Contains("whatsappNumbers")).ToList();
        var envios = await env.Simulator.SendsAsync("loja");
        foreach (var p in pedidos.Where(p => p.Route.Contains("whatsappNumbers") || p.Route.Contains("sendText")))
            output.WriteLine($"{p.ArrivedAt:HH:mm:ss.fff} {p.Route} {p.Number}");
        var verificacao = Assert.Single(verificacoes);
        Assert.Equal(campanha.Telefones.Order(), verificacao.Number!.Split(',').Order());
        Assert.Equal(campanha.Telefones.Except(semWhatsApp).Order(), envios.Select(e => e.Number!).Order());
        // The check took a turn of the number like a send: nothing came closer than the interval to it.
        output.Log(PipelineAssertions.Pacing([.. verificacoes, .. envios], Intervalo, checkMedian: false));

        var linhas = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        foreach (var telefone in semWhatsApp)
        {
            Assert.Equal(StatusEnvio.Erro, linhas[telefone].Status);
            Assert.Contains("não tem WhatsApp", linhas[telefone].ErroMensagem);
            Assert.Equal(0, linhas[telefone].Tentativas);
        }
        // The others were sent once: the check's turn did not count as an attempt.
        Assert.All(linhas.Where(l => !semWhatsApp.Contains(l.Key)), l =>
        {
            Assert.Equal(StatusEnvio.Enviado, l.Value.Status);
            Assert.Equal(1, l.Value.Tentativas);
        });
        var lida = await env.Seed.CampanhaAsync(campanha.Id);
        PipelineAssertions.CountersMatchRows(lida, [.. linhas.Values]);
        Assert.Equal(2, lida.Falhas);

        // A second campaign to the same customers: every answer is cached, nothing is checked again.
        int segunda;
        await using (var db = env.Seed.Db())
        {
            var primeira = await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == campanha.Id);
            var nova = new Campanha
            {
                Nome = "Segunda", TemplateId = primeira.TemplateId, InstanciaId = loja.Id, IntervaloSegundos = 1,
                VerificarNumeros = true, TotalClientes = 6,
            };
            db.Campanhas.Add(nova);
            await db.SaveChangesAsync();
            db.Envios.AddRange(linhas.Values.Select(l => new EnvioDetalhe { CampanhaId = nova.Id, ClienteId = l.ClienteId }));
            await db.SaveChangesAsync();
            segunda = nova.Id;
        }
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(segunda));
        await env.WaitForStatusAsync(segunda, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var depois = await env.Simulator.RequestsAsync("loja");
        Assert.Single(depois, p => p.Route.Contains("whatsappNumbers"));
        Assert.Equal(8, (await env.Simulator.SendsAsync("loja")).Count);
        Assert.Equal(2, (await env.Seed.CampanhaAsync(segunda)).Falhas);
    }
}

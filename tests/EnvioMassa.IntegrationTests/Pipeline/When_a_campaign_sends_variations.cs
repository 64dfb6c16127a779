using EnvioMassa.Contracts;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>Two variations in turn: each row records its template, and what Evolution received is that template's text.</summary>
public sealed class When_a_campaign_sends_variations(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_alternate_the_templates_record_each_on_its_row_and_send_its_text()
    {
        await using var env = await PipelineEnvironment.CreateAsync("variacoes");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja");
        var loja = await env.Seed.InstanciaAsync("loja");
        var segundo = new Template { Nome = "segunda", Conteudo = "Bom dia, {{nome}}! Sua fatura de {{dados.valor}} vence hoje." };
        await using (var db = env.Seed.Db())
        {
            db.Templates.Add(segundo);
            await db.SaveChangesAsync();
        }
        var campanha = await env.Seed.CampanhaAsync(loja, 6, 1, configurar: c =>
        {
            c.Templates = [new CampanhaTemplate { TemplateId = c.TemplateId, Ordem = 0 }, new CampanhaTemplate { TemplateId = segundo.Id, Ordem = 1 }];
            c.Variacao = ConfiguracaoDeCampanha.VariacaoAlternada;
        });

        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var sends = await env.Simulator.SendsAsync("loja");
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        var linhas = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        var porTemplate = linhas.Values.GroupBy(e => e.TemplateId).ToDictionary(g => g.Key!.Value, g => g.Count());
        output.WriteLine(string.Join(", ", porTemplate.Select(kv => $"template {kv.Key}: {kv.Value}")));
        Assert.Equal(2, porTemplate.Count);
        Assert.Equal(3, porTemplate[segundo.Id]);
        foreach (var send in sends)
        {
            var linha = linhas[send.Number!];
            Assert.Equal(linha.TemplateId == segundo.Id, send.Text!.StartsWith("Bom dia, "));
            Assert.Equal(linha.MensagemEnviada, send.Text);
        }
    }
}

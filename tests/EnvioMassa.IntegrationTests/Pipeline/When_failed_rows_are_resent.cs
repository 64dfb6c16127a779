using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary><c>reenviar</c> through the real API, saga, scheduler and sender: only the failed numbers get the message again.</summary>
public sealed class When_failed_rows_are_resent(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_send_exactly_to_the_numbers_that_failed_once_they_exist()
    {
        await using var env = await PipelineEnvironment.CreateAsync("resend");
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja-reenvio");
        var campanha = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync("loja-reenvio"), destinatarios: 8, intervaloSegundos: 1);
        var ausentes = campanha.Telefones.Where((_, i) => i % 4 == 1).ToList();
        await env.Simulator.SetMissingNumbersAsync(ausentes);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var primeira = await env.Seed.EnviosPorTelefoneAsync(campanha.Id);
        Assert.Equal(ausentes.Order(), primeira.Where(e => e.Value.Status == StatusEnvio.Erro).Select(e => e.Key).Order());

        await env.Simulator.SetMissingNumbersAsync([]);
        var jaFeitos = (await env.Simulator.RequestsAsync()).Max(r => r.Seq);
        var api = await env.StartApiProcessAsync();
        using var http = PipelineEnvironment.ApiHttp(api);
        using var reenvio = await http.PostAsJsonAsync($"/api/campanhas/{campanha.Id}/reenviar", new { status = new[] { "erro" } });
        var nova = await reenvio.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, reenvio.StatusCode);
        Assert.Equal(campanha.Id, nova.GetProperty("origemId").GetInt32());
        var id = nova.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/campanhas/{id}/iniciar", null)).StatusCode);
        await env.WaitForStatusAsync(id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        var novos = (await env.Simulator.SendsAsync("loja-reenvio")).Where(s => s.Seq > jaFeitos).ToList();
        output.WriteLine($"reenviados: {string.Join(", ", novos.Select(s => $"{s.Number} {s.Outcome}"))}");
        PipelineAssertions.ExactlyOneSendPerRecipient(novos, [new CampanhaSemeada(id, "loja-reenvio", ausentes)]);
        Assert.Equal(novos.Count, novos.Count(s => s.Outcome == "accepted"));
        var envios = await Eventually.UntilAsync(() => env.Seed.EnviosAsync(id), es => es.All(e => e.Contabilizado), TimeSpan.FromSeconds(30),
            "envios contados");
        var segunda = await env.Seed.CampanhaAsync(id);
        PipelineAssertions.CountersMatchRows(segunda, envios);
        Assert.Equal((2, 2, 0), (segunda.TotalClientes, segunda.Sucessos, segunda.Falhas));
        Assert.Equal(campanha.Id, segunda.OrigemId);
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), await env.Seed.EnviosAsync(campanha.Id));
    }
}

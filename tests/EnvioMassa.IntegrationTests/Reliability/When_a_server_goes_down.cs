using System.Net;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Reliability;

/// <summary>
/// RabbitMQ stopped for 20 s, or MariaDB for 10 s, in the middle of a campaign: the services reconnect by themselves,
/// the campaign completes, nobody gets two sends, counters are exact, and <c>ready</c> reports the outage while it lasts.
/// </summary>
public sealed class When_a_server_goes_down(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_recover_from_a_20_second_rabbitmq_outage()
    {
        await RunWithOutageAsync("rabbit", LocalServices.StopRabbitMqAsync, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Should_recover_from_a_10_second_mariadb_outage()
    {
        await RunWithOutageAsync("maria", LocalServices.StopMariaDbAsync, TimeSpan.FromSeconds(10));
    }

    async Task RunWithOutageAsync(string purpose, Func<Task> stop, TimeSpan duracao)
    {
        await using var env = await PipelineEnvironment.CreateAsync(purpose);
        await env.StartWorkerAsync(output: output);
        await env.Simulator.AddInstanceAsync("loja-queda");
        var loja = await env.Seed.InstanciaAsync("loja-queda");
        var campanha = await env.Seed.CampanhaAsync(loja, 20, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await Eventually.UntilAsync(() => env.Simulator.SendsAsync(), s => s.Count >= 4, TimeSpan.FromSeconds(30), "quatro envios");

        // What a readiness probe sees: the worker's own /health/ready over HTTP.
        using var http = new HttpClient { BaseAddress = new Uri(env.Worker!.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
        var health = env.Worker.Services.GetRequiredService<HealthCheckService>();
        var caiuEm = DateTime.UtcNow;
        try
        {
            await stop();
            var durante = await Eventually.UntilAsync(() => ReadyAsync(http), r => r.Codigo == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(15), "/health/ready acusar a queda (503)");
            var relatorio = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
            output.WriteLine($"/health/ready durante a queda: {(int)durante.Codigo} {durante.Corpo} " +
                             $"({string.Join(", ", relatorio.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key} {e.Value.Status}"))})");
            var restante = duracao - (DateTime.UtcNow - caiuEm);
            if (restante > TimeSpan.Zero)
                await Task.Delay(restante); // the outage itself: nothing to observe but time
        }
        finally
        {
            await LocalServices.StartAsync();
        }

        var voltouEm = DateTime.UtcNow;
        output.WriteLine($"fora do ar por {(voltouEm - caiuEm).TotalSeconds:0.0} s");
        await Eventually.UntilAsync(() => ReadyAsync(http), r => r.Codigo == HttpStatusCode.OK, TimeSpan.FromSeconds(60),
            "/health/ready voltar (200)");
        output.WriteLine($"ready de novo {(DateTime.UtcNow - voltouEm).TotalSeconds:0.0} s depois");

        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(150));
        output.WriteLine($"campanha concluída {(DateTime.UtcNow - voltouEm).TotalSeconds:0.0} s depois da volta");
        var sends = await env.Simulator.SendsAsync();
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1), checkMedian: false));
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        output.WriteLine($"incertos: {envios.Count(e => e.Status == StatusEnvio.Incerto)}");
        Assert.All(envios, e => Assert.True(e.Status is StatusEnvio.Enviado or StatusEnvio.Incerto, $"envio {e.Id} em {e.Status}"));
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }

    sealed record Prontidao(HttpStatusCode Codigo, string Corpo);

    static async Task<Prontidao> ReadyAsync(HttpClient http)
    {
        using var resposta = await http.GetAsync("/health/ready");
        return new Prontidao(resposta.StatusCode, await resposta.Content.ReadAsStringAsync());
    }
}

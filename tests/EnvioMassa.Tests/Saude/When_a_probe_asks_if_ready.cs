using System.Net;
using EnvioMassa.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace EnvioMassa.Tests.Saude;

/// <summary>
/// A readiness probe reads only the status code: <c>/health/ready</c> must answer 503 for a degraded check too
/// (MassTransit reports its bus degraded while RabbitMQ is away), where ASP.NET Core would answer 200.
/// </summary>
public sealed class When_a_probe_asks_if_ready
{
    [Theory]
    [InlineData(HealthStatus.Healthy, HttpStatusCode.OK)]
    [InlineData(HealthStatus.Degraded, HttpStatusCode.ServiceUnavailable)]
    [InlineData(HealthStatus.Unhealthy, HttpStatusCode.ServiceUnavailable)]
    public async Task Should_be_ready_only_when_every_check_is_healthy(HealthStatus estado, HttpStatusCode esperado)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddPrometheusExporter());
        builder.Services.AddHealthChecks().AddCheck("masstransit-bus", () => new HealthCheckResult(estado, "RabbitMQ fora"), ["ready"]);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var resposta = await http.GetAsync("/health/ready");

        Assert.Equal(esperado, resposta.StatusCode);
        // The status first, as the framework writes it; then why, for a check that is not healthy.
        var corpo = (await resposta.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal(estado.ToString(), corpo[0]);
        Assert.Equal(estado == HealthStatus.Healthy ? [] : [$"masstransit-bus: {estado} — RabbitMQ fora"], corpo[1..]);
        await app.StopAsync();
    }
}

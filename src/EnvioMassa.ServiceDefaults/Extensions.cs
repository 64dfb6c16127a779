using EnvioMassa.Data;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EnvioMassa.ServiceDefaults;

/// <summary>What every EnvioMassa process shares: telemetry, health checks, the database and the broker connection.</summary>
public static class Extensions
{
    public const string MeterName = "EnvioMassa";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("MassTransit", MeterName)
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck<DatabaseHealthCheck>("mariadb", HealthStatus.Unhealthy, ["ready"]);

        builder.Services.AddEnvioMassaDatabase(builder.Configuration);
        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section);
        builder.Services.AddOptions<EnvioMassaOptions>().BindConfiguration(EnvioMassaOptions.Section)
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.FusoPadrao, out _),
                $"{EnvioMassaOptions.Section}:FusoPadrao não é um fuso horário IANA conhecido (ex.: America/Sao_Paulo).")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Points MassTransit at the configured RabbitMQ (section <c>RabbitMq</c>).</summary>
    public static void UseConfiguredHost(this IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
        cfg.Host(options.Host, options.Port, options.VirtualHost, h =>
        {
            h.Username(options.Username);
            h.Password(options.Password);
            h.Heartbeat(options.Heartbeat);
        });
    }

    /// <summary><c>/health/live</c> (the process runs), <c>/health/ready</c> (database and RabbitMQ reachable), <c>/metrics</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        // Degraded is not ready either (ASP.NET Core answers 200 for it): while RabbitMQ is away MassTransit reports its
        // bus degraded, and a probe must see the outage.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = EscreverSaude,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// The overall status on the first line, as the framework writes it; then each check that is not healthy with its
    /// description, so that whoever reads the probe learns why (never an exception's text, which could hold a host).
    /// </summary>
    static Task EscreverSaude(HttpContext context, HealthReport relatorio)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var linhas = relatorio.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}{(string.IsNullOrEmpty(e.Value.Description) ? "" : " — " + e.Value.Description)}");
        return context.Response.WriteAsync(string.Join('\n', linhas.Prepend(relatorio.Status.ToString())));
    }
}

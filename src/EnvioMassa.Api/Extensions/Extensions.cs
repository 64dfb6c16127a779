using EnvioMassa.Api.Campanhas;
using EnvioMassa.Api.Clientes;
using EnvioMassa.Api.Idempotencia;
using EnvioMassa.Api.Instancias;
using EnvioMassa.Api.Webhooks;
using EnvioMassa.Contracts;
using EnvioMassa.Evolution;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Authentication;

namespace EnvioMassa.Api.Extensions;

public static class Extensions
{
    public const string ApiPolicy = "ApiKey";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Before the bus: the schema is in place before anything can act on a message.
        services.AddHostedService<MigrateOnStartupService>();

        services.AddPortugueseProblemDetails();
        services.AddDocumentacaoDaApi();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        services.AddEvolutionClient(builder.Configuration);
        services.AddScoped<ImportacaoDeClientes>();
        services.AddScoped<InclusaoDeDestinatarios>();
        services.AddScoped<ValidacaoDeInicio>();
        services.AddScoped<EnvioDeTeste>();
        services.AddScoped<TransicoesDeCampanha>();
        services.AddScoped<ConexaoDaInstancia>();
        services.AddScoped<MensagensDoWhatsApp>();
        services.AddIdempotencia();
        services.AddScoped<EnviadosPorInstancia>();
        services.AddScoped<ExclusaoDeInstancia>();
        services.AddScoped<ExportacaoDeEnvios>();
        services.AddScoped<ReenvioDeCampanha>();
        services.AddSingleton(TimeProvider.System);

        SemUrlsNosLogs(services);

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // The API only asks the campaign saga for transitions; it consumes nothing.
            x.AddRequestClient<IniciarCampanha>();
            x.AddRequestClient<PausarCampanha>();
            x.AddRequestClient<RetomarCampanha>();
            x.AddRequestClient<CancelarCampanha>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.UseConfiguredHost(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// ASP.NET Core's "Request starting" line prints the whole URL, and Evolution's global webhook can only carry its
    /// secret in the query (<c>?token=</c>). The rule is added after every configured one, for every provider that has
    /// rules of its own too, so no logging setting (<c>Logging:LogLevel</c>, <c>Logging:Console:LogLevel</c>) turns it on.
    /// </summary>
    static void SemUrlsNosLogs(IServiceCollection services) => services.PostConfigure<LoggerFilterOptions>(o =>
    {
        const string categoria = "Microsoft.AspNetCore.Hosting.Diagnostics";
        foreach (var provedor in o.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            o.Rules.Add(new LoggerFilterRule(provedor, categoria, LogLevel.Warning, null));
    });

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        UsePainel(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotencia();
        return app;
    }

    /// <summary>
    /// The operator's dashboard: static files, before authentication, because a browser cannot send the key with a
    /// page load; the page asks for the key and sends it with every <c>/api</c> call it makes. They are read from the
    /// web root under the content root, which <see cref="EnvioMassaHost"/> sets to the app's folder: the
    /// build copies <c>wwwroot</c> there (static web assets map the project folder only in Development).
    /// </summary>
    static void UsePainel(WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The page and its scripts change with every release; the browser checks before reusing them.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}

using EnvioMassa.Api.Campanhas;
using EnvioMassa.Api.Clientes;
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
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        services.AddEvolutionClient(builder.Configuration);
        services.AddScoped<ImportacaoDeClientes>();
        services.AddScoped<InclusaoDeDestinatarios>();
        services.AddScoped<ValidacaoDeInicio>();
        services.AddScoped<TransicoesDeCampanha>();

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

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

namespace EnvioMassa.Api.Idempotencia;

public static class IdempotenciaExtensions
{
    public static IServiceCollection AddIdempotencia(this IServiceCollection services)
    {
        services.AddOptions<IdempotenciaOptions>().BindConfiguration(IdempotenciaOptions.Section)
            .Validate(o => o.Espera > TimeSpan.Zero && o.LimpezaACada > TimeSpan.Zero && o.MaximoPorLimpeza > 0,
                "Idempotencia:Espera, Idempotencia:LimpezaACada e Idempotencia:MaximoPorLimpeza devem ser positivos.")
            // PeriodicTimer's limit (about 49.7 days).
            .Validate(o => o.LimpezaACada <= TimeSpan.FromDays(49), "Idempotencia:LimpezaACada deve ser de no máximo 49 dias.")
            .ValidateOnStart();
        services.AddScoped<RegistroDeIdempotencia>();
        services.AddHostedService<LimpezaDeChaves>();
        return services;
    }

    /// <summary>After authorization: a caller without the API key never reaches the keys' table.</summary>
    public static IApplicationBuilder UseIdempotencia(this IApplicationBuilder app) => app.UseMiddleware<IdempotenciaMiddleware>();
}

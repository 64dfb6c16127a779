using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Extensions;

public static class MigrationExtensions
{
    /// <summary><c>dotnet run --project src/EnvioMassa.Api -- migrate</c> applies the migrations and exits.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>Set <c>Database:MigrateOnStartup=false</c> where migrations are applied by a separate step.</summary>
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnvioMassaDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Migrações aplicadas: {Quantidade} ({Migracoes})", pending.Count, string.Join(", ", pending));
    }
}

/// <summary>Applies pending migrations before the other hosted services (the bus) start, unless turned off.</summary>
sealed class MigrateOnStartupService(IServiceProvider services, IConfiguration configuration, ILogger<MigrateOnStartupService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(MigrationExtensions.MigrateOnStartupKey, true))
            return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnvioMassaDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
            return;
        logger.LogInformation("Aplicando {Quantidade} migrações: {Migracoes}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

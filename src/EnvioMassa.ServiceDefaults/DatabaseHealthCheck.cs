using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnvioMassa.ServiceDefaults;

/// <summary>
/// Ready when the database answers and its schema is the one this build expects. Where the migrations run apart from
/// the hosts (a Kubernetes Job, <c>Database:MigrateOnStartup=false</c>), a host started before they finished stays out
/// of the load balancer instead of failing every request on a missing column.
/// </summary>
sealed class DatabaseHealthCheck(EnvioMassaDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("Banco de dados inacessível.");
            var pendentes = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pendentes.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"O esquema do banco está desatualizado: {pendentes.Count} migração(ões) pendente(s), " +
                                              $"a primeira {pendentes[0]}. Aplique-as com 'dotnet EnvioMassa.Api.dll migrate'.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Banco de dados inacessível.", e);
        }
    }
}

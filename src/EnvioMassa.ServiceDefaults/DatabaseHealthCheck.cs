using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EnvioMassa.ServiceDefaults;

sealed class DatabaseHealthCheck(EnvioMassaDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Banco de dados inacessível.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Banco de dados inacessível.", e);
        }
    }
}

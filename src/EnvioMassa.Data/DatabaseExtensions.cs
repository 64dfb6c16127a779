using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace EnvioMassa.Data;

public static class DatabaseExtensions
{
    public const string ConnectionStringName = "EnvioMassa";

    /// <summary>MariaDB 10.11 is what runs locally and in CI; it speaks MySQL's dialect for everything used here.</summary>
    public static readonly ServerVersion ServerVersion = new MariaDbServerVersion(new Version(10, 11));

    /// <summary>Every time in the database is UTC; MySqlConnector then hands DateTimes back with Kind Utc.</summary>
    public static string WithUtc(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { DateTimeKind = MySqlDateTimeKind.Utc }.ConnectionString;

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseMySql(WithUtc(connectionString), ServerVersion);

    public static IServiceCollection AddEnvioMassaDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Falta a connection string 'ConnectionStrings:{ConnectionStringName}' (variável ConnectionStrings__{ConnectionStringName}).");
        services.AddDbContext<EnvioMassaDbContext>(o => Configure(o, connectionString));
        return services;
    }
}

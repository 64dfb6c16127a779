using System.Diagnostics;
using EnvioMassa.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace EnvioMassa.IntegrationTests.Api;

public class When_migrating_the_database
{
    [Fact]
    public async Task The_migrate_command_applies_the_migrations_and_exits()
    {
        var servers = await TestServers.GetAsync();
        var name = $"enviomassa_t_migrate_{Guid.NewGuid():N}"[..44];
        var connectionString = $"{servers.MySqlServer};Database={name}";
        await ExecutarAsync(servers.MySqlServer, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "EnvioMassa.Api.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "migrate" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.Environment["ConnectionStrings__EnvioMassa"] = connectionString;
            using var process = Process.Start(start)!;
            var saida = process.StandardOutput.ReadToEndAsync();
            var erros = process.StandardError.ReadToEndAsync();
            using var limite = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limite.Token);

            Assert.True(process.ExitCode == 0, $"saída {process.ExitCode}:\n{await saida}\n{await erros}");
            var tabelas = await ExecutarAsync(servers.MySqlServer,
                $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{name}' AND table_name IN " +
                "('campanhas_envio_massa', 'envios_massa_detalhes', 'clientes', 'templates', 'instancias')");
            Assert.Equal(5L, tabelas);
        }
        finally
        {
            await servers.DropDatabaseAsync(connectionString);
        }
    }

    static async Task<object?> ExecutarAsync(string server, string sql)
    {
        await using var connection = new MySqlConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

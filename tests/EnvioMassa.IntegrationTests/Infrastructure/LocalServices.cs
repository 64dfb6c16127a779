using System.Diagnostics;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>
/// Stops and starts the local RabbitMQ and MariaDB through <c>scripts/services.sh</c>, for the outage tests. Those
/// tests need the servers the script runs on this machine; pointed at other servers they fail and say so.
/// </summary>
public static class LocalServices
{
    public static Task StopRabbitMqAsync() => RunAsync("stop-rabbitmq");
    public static Task StopMariaDbAsync() => RunAsync("stop-mariadb");
    public static Task StartAsync() => RunAsync("start");

    static async Task RunAsync(string command)
    {
        if (Environment.GetEnvironmentVariable("ENVIOMASSA_TEST_MYSQL") is not null
            || Environment.GetEnvironmentVariable("ENVIOMASSA_TEST_RABBITMQ") is not null)
            throw new InvalidOperationException(
                "Os testes de queda de servidor param e iniciam o RabbitMQ e o MariaDB locais (scripts/services.sh); " +
                "eles não rodam contra servidores externos.");
        var script = Path.Combine(WorkerHost.RepositoryRoot(), "scripts", "services.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script, command }, RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/services.sh {command} falhou ({process.ExitCode}): {output}");
    }
}

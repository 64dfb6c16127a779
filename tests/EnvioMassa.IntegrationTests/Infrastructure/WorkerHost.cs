using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EnvioMassa.ServiceDefaults;
using EnvioMassa.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>The worker, either inside the test process or as a separate OS process of the real executable.</summary>
public static class WorkerHost
{
    /// <param name="services">Replaces services after the pipeline's own (e.g. the calendar a window test moves).</param>
    public static async Task<WebApplication> StartInProcessAsync(IDictionary<string, string?> configuration,
        Xunit.Abstractions.ITestOutputHelper? output = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "EnvioMassa.Worker" });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EnvioMassa"] = "Information",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (output is not null)
            builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        builder.AddServiceDefaults();
        builder.AddPipeline();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        await WaitReadyAsync(app, TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>
    /// The bus starts in the background; until its endpoints are bound, a published command would reach no queue.
    /// Ready means the database answers and every receive endpoint is up (the same check as <c>/health/ready</c>).
    /// </summary>
    static async Task WaitReadyAsync(WebApplication app, TimeSpan timeout)
    {
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var deadline = DateTime.UtcNow + timeout;
        HealthReport report;
        do
        {
            report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
            if (report.Status == HealthStatus.Healthy)
                return;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException("O worker não ficou pronto: " +
            string.Join("; ", report.Entries.Select(e => $"{e.Key}={e.Value.Status} {e.Value.Description}")));
    }

    /// <summary>Starts <c>EnvioMassa.Worker.dll</c> as its own process and waits until it reports ready.</summary>
    public static Task<WorkerProcess> StartProcessAsync(IDictionary<string, string?> configuration, string name) =>
        DotnetProcess.StartAsync("EnvioMassa.Worker", name, configuration, "/health/ready");

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnvioMassa.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EnvioMassa.sln não encontrado acima de " + AppContext.BaseDirectory);
    }
}

public static class DotnetProcess
{
    /// <summary>
    /// Starts one of the solution's executables (as built) on a free port and waits until <paramref name="readyPath"/> answers.
    /// It runs in its output folder unless <paramref name="workingDirectory"/> is given, and logs at Warning unless
    /// <paramref name="configuration"/> sets <c>Logging:LogLevel:Default</c>. Its address is given with <c>--urls</c>, or
    /// in the environment variable <paramref name="addressVariable"/> when one is named (as a container would).
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(string project, string name, IDictionary<string, string?> configuration,
        string readyPath, string? workingDirectory = null, string? addressVariable = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(WorkerHost.RepositoryRoot(), "src", project, "bin", BuildConfiguration(), "net10.0", project + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{project} não foi compilado: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
        };
        if (addressVariable is null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in configuration)
            start.Environment[key.Replace(":", "__")] = value;
        if (addressVariable is not null)
            start.Environment[addressVariable] = url;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet não iniciou");
        var worker = new WorkerProcess(name, process, new Uri(url));
        await worker.WaitReadyAsync(readyPath, TimeSpan.FromSeconds(60));
        return worker;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
}

public sealed class WorkerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly System.Text.StringBuilder _output = new();

    internal WorkerProcess(string name, Process process, Uri baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    internal async Task WaitReadyAsync(string readyPath, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"O processo {Name} terminou ao iniciar:\n{Output}");
            try
            {
                if ((await http.GetAsync(readyPath)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"O processo {Name} não ficou pronto em {timeout.TotalSeconds} s:\n{Output}");
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as a container orchestrator stops a process; returns when it has exited.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EnvioMassa.ServiceDefaults;

/// <summary>
/// The builder every EnvioMassa host starts from. ASP.NET Core takes the current directory as the content root, so a
/// host started as <c>dotnet src/X/bin/Release/net10.0/X.dll</c> from the repository root (as <c>run.sh</c> does), or by
/// <c>dotnet run --project</c>, would not find its <c>appsettings.json</c> and silently run without it: no log levels,
/// no defaults. The content root is therefore the folder of the app's own files, unless one is given explicitly
/// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>), as <c>WebApplicationFactory</c> does.
/// Internal, and also compiled into the simulator (linked from its project file), which stays free of the
/// ServiceDefaults' dependencies; the API and the worker see it through <c>InternalsVisibleTo</c>.
/// </summary>
internal static class EnvioMassaHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, string? applicationName = null) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = applicationName,
            ContentRootPath = ExplicitContentRoot(args) ?? AppContext.BaseDirectory,
        });

    /// <summary>The content root given in the same sources, in the same order, as the host reads it.</summary>
    static string? ExplicitContentRoot(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddEnvironmentVariables("DOTNET_")
        .AddCommandLine(args)
        .Build()[HostDefaults.ContentRootKey];
}

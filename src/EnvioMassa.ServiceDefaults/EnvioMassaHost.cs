using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
/// <para>
/// The address: an appsettings <c>Urls</c> would override <c>ASPNETCORE_URLS</c> (configuration files come after the
/// environment's host settings), so a container would keep listening on 127.0.0.1. The local address lives under
/// <see cref="UrlsPadraoKey"/> instead and applies only when nothing else says where to listen.
/// </para>
/// </summary>
internal static class EnvioMassaHost
{
    /// <summary>Where a host listens when neither the environment nor the command line nor Kestrel's settings say.</summary>
    public const string UrlsPadraoKey = "UrlsPadrao";

    public static WebApplicationBuilder CreateBuilder(string[] args, string? applicationName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = applicationName,
            ContentRootPath = ExplicitContentRoot(args) ?? AppContext.BaseDirectory,
        });
        if (!EnderecoConfigurado(builder.Configuration) && builder.Configuration[UrlsPadraoKey] is { Length: > 0 } padrao)
            builder.WebHost.UseUrls(padrao);
        return builder;
    }

    /// <summary>
    /// <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>, <c>URLS</c>, the <c>*_HTTP_PORTS</c>/<c>*_HTTPS_PORTS</c>
    /// the .NET container images set, or <c>Kestrel:Endpoints</c>.
    /// </summary>
    static bool EnderecoConfigurado(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    /// <summary>The content root given in the same sources, in the same order, as the host reads it.</summary>
    static string? ExplicitContentRoot(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddEnvironmentVariables("DOTNET_")
        .AddCommandLine(args)
        .Build()[HostDefaults.ContentRootKey];
}

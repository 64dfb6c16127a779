extern alias ApiHost;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// <see cref="ApiFixture"/>'s database, broker, simulator and fake saga, reached through API hosts whose clock is a
/// <see cref="FakeTimeProvider"/>. More hosts on the same database stand for other replicas, or the API after a restart.
/// </summary>
public sealed class IdempotenciaFixture : IAsyncLifetime
{
    /// <summary>Far enough that the periodic clean-up never runs in the main host: expiry is then met on the next call.</summary>
    static readonly TimeSpan SemLimpeza = TimeSpan.FromDays(40);

    WebApplicationFactory<ApiHost::Program>? _host;

    public ApiFixture Api { get; } = new();

    /// <summary>The main host's clock; it starts at the real time, so data the saga and Evolution see stays plausible.</summary>
    public FakeTimeProvider Relogio { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        _host = Host(Relogio);
        _ = _host.Server;
    }

    /// <summary>Another API process on the same database and broker, with its own settings.</summary>
    public WebApplicationFactory<ApiHost::Program> Host(FakeTimeProvider relogio, TimeSpan? limpezaACada = null, TimeSpan? espera = null) =>
        Api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Idempotencia:LimpezaACada", (limpezaACada ?? SemLimpeza).ToString());
            if (espera is not null)
                b.UseSetting("Idempotencia:Espera", espera.Value.ToString());
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(relogio));
        });

    /// <summary>A client of the main host (or of <paramref name="host"/>) that sends the API key.</summary>
    public HttpClient Cliente(WebApplicationFactory<ApiHost::Program>? host = null)
    {
        var client = (host ?? _host!).CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.ApiKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await ((IAsyncLifetime)Api).DisposeAsync();
    }
}

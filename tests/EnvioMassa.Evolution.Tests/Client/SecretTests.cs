using EnvioMassa.Evolution.Tests.Infrastructure;

namespace EnvioMassa.Evolution.Tests.Client;

[Collection(SimulatorCollection.Name)]
public sealed class SecretTests(SimulatorFixture sim) : IAsyncLifetime
{
    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Api_keys_never_appear_in_the_client_logs()
    {
        using var host = ClientHost.Create(sim.BaseUrl);
        await sim.ScriptFaultAsync("error_5xx", instance: SimulatorFixture.Shop, route: "connectionState");
        await sim.ScriptFaultAsync("error_5xx", instance: SimulatorFixture.Shop);

        await host.Client.SendTextAsync(SimulatorFixture.Shop, "5511900000040", "Olá", null, default);
        await host.Client.SendTextAsync(SimulatorFixture.Shop, "5511900000041", "Olá", null, default);
        await host.Client.SendTextAsync(SimulatorFixture.Shop, "5511900000042", "Olá", SimulatorFixture.ShopToken, default);
        await host.Client.SendTextAsync(SimulatorFixture.Branch, "5511900000043", "Olá", SimulatorFixture.ShopToken, default);
        await host.Client.GetConnectionStateAsync(SimulatorFixture.Shop, null, default);
        await host.Client.CheckNumbersAsync(SimulatorFixture.Shop, ["5511900000044"], SimulatorFixture.ShopToken, default);

        Assert.Contains(host.Logs.Lines, line => line.Contains("/message/sendText/loja", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, line => line.Contains("apikey", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(SimulatorFixture.GlobalKey, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(SimulatorFixture.ShopToken, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_text_hides_the_keys()
    {
        var options = new EvolutionOptions { ApiKey = SimulatorFixture.GlobalKey, WebhookToken = "segredo-do-webhook" };

        var text = options.ToString();

        Assert.Contains("BaseUrl = http://127.0.0.1:8081", text);
        Assert.DoesNotContain(SimulatorFixture.GlobalKey, text);
        Assert.DoesNotContain("segredo-do-webhook", text);
    }
}

using EnvioMassa.Evolution.Tests.Infrastructure;

namespace EnvioMassa.Evolution.Tests.Client;

/// <summary>connectionState and whatsappNumbers: reads, which unlike sends are retried.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ReadTests(SimulatorFixture sim) : IAsyncLifetime, IDisposable
{
    private const string Shop = SimulatorFixture.Shop;
    private readonly ClientHost _host = ClientHost.Create(sim.BaseUrl);

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("open", InstanceConnectionState.Open)]
    [InlineData("connecting", InstanceConnectionState.Connecting)]
    [InlineData("close", InstanceConnectionState.Close)]
    public async Task Connection_state_reports_what_evolution_says(string state, InstanceConnectionState expected)
    {
        await sim.SetStateAsync(Shop, state);

        var result = await _host.Client.GetConnectionStateAsync(Shop, null, default);

        Assert.Equal(expected, result.State);
        Assert.Equal(200, result.HttpStatus);
    }

    [Fact]
    public async Task Connection_state_of_an_unknown_instance_is_not_found()
    {
        var result = await _host.Client.GetConnectionStateAsync("nao-existe", null, default);

        Assert.Equal(InstanceConnectionState.NotFound, result.State);
        Assert.Contains("does not exist", result.Reason);
    }

    [Fact]
    public async Task Connection_state_with_a_refused_key_is_unauthorized()
    {
        var result = await _host.Client.GetConnectionStateAsync(Shop, SimulatorFixture.BranchToken, default);

        Assert.Equal(InstanceConnectionState.Unauthorized, result.State);
        Assert.Equal(401, result.HttpStatus);
    }

    [Fact]
    public async Task Connection_state_read_is_retried_after_transient_errors()
    {
        await sim.ScriptFaultAsync("error_5xx", count: 2, instance: Shop, route: "connectionState");

        var result = await _host.Client.GetConnectionStateAsync(Shop, null, default);

        Assert.True(result.IsOpen);
        Assert.Equal(["error_5xx", "error_5xx", "accepted"], (await sim.RequestsAsync(Shop)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task Connection_state_is_unreachable_when_evolution_keeps_failing()
    {
        await sim.ScriptFaultAsync("error_5xx", count: 10, instance: Shop, route: "connectionState");

        var result = await _host.Client.GetConnectionStateAsync(Shop, null, default);

        Assert.Equal(InstanceConnectionState.Unreachable, result.State);
        Assert.Equal(500, result.HttpStatus);
        Assert.Equal(4, (await sim.RequestsAsync(Shop)).Count);
    }

    [Fact]
    public async Task Whatsapp_numbers_says_which_numbers_exist_and_echoes_the_input()
    {
        await sim.SetMissingAsync("5511900000031");

        var numbers = await _host.Client.CheckNumbersAsync(Shop, ["5511900000030", "5511900000031", "+55 31 98888-7777"], null, default);

        Assert.Collection(numbers,
            n => Assert.Equal(new WhatsAppNumber("5511900000030", "5511900000030@s.whatsapp.net", true, null), n),
            n => Assert.Equal(new WhatsAppNumber("5511900000031", "5511900000031@s.whatsapp.net", false, null), n),
            n => Assert.Equal(new WhatsAppNumber("+55 31 98888-7777", "553188887777@s.whatsapp.net", true, null), n));
    }

    [Fact]
    public async Task Whatsapp_numbers_on_a_closed_instance_fails_at_once_as_an_instance_failure()
    {
        await sim.SetStateAsync(Shop, "close");

        var error = await Assert.ThrowsAsync<EvolutionException>(() =>
            _host.Client.CheckNumbersAsync(Shop, ["5511900000032"], null, default));

        Assert.Equal(SendOutcome.InstanceFailure, error.Classification);
        Assert.Contains("Connection Closed", error.Message);
        Assert.Single(await sim.RequestsAsync(Shop));
    }
}

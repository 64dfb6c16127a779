using EnvioMassa.Evolution.Tests.Infrastructure;
using EnvioMassa.EvolutionSimulator.Webhooks;

namespace EnvioMassa.Evolution.Tests.Simulator;

/// <summary>Evolution's retryWebhookRequest schedule, on a simulator of the test's own with a fast clock.</summary>
public sealed class WebhookRetryTests : IAsyncLifetime
{
    private const string Shop = SimulatorFixture.Shop;
    private const double Initial = 0.05;
    private const double Max = 0.2;

    // Timers may fire a little early against the wall clock.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(15);

    private SimulatorFixture _sim = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorFixture.StartAsync(
            "--Simulator:WebhookRetry:MaxAttempts=5",
            $"--Simulator:WebhookRetry:InitialDelaySeconds={Initial}",
            $"--Simulator:WebhookRetry:MaxDelaySeconds={Max}",
            "--Simulator:WebhookRetry:JitterFactor=0",
            "--Simulator:WebhookRequestTimeoutMs=300");
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public void Defaults_are_evolution_s_ten_attempts_from_five_seconds_doubling_up_to_five_minutes()
    {
        var evolution = new WebhookRetryOptions();

        Assert.Equal(10, evolution.MaxAttempts);
        Assert.Equal([400, 401, 403, 404, 422], evolution.FinalStatusCodes);
        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], Enumerable.Range(1, 9).Select(a => evolution.DelayAfter(a, random: 0.5).TotalSeconds));
        // ±20 % jitter, but never below the initial delay.
        Assert.Equal(16, evolution.DelayAfter(3, random: 0).TotalSeconds);
        Assert.InRange(evolution.DelayAfter(3, random: 0.9999).TotalSeconds, 23.99, 24);
        Assert.Equal(5, evolution.DelayAfter(1, random: 0).TotalSeconds);
    }

    [Fact]
    public async Task A_failing_webhook_is_tried_max_attempts_times_with_doubling_waits()
    {
        _receiver.AnswerAlways(500);
        await _sim.SetWebhookAsync(Shop, _receiver.Url);

        await _sim.ChangeStateAsync(Shop, "connecting");

        var attempts = await _receiver.WaitForAsync(5);
        var deliveries = await _sim.DeliveriesAsync(d => d.Count == 5);
        Assert.Equal([1, 2, 3, 4, 5], deliveries.Select(d => d.Attempt));
        Assert.Equal([Initial, 2 * Initial, Max, Max, null], deliveries.Select(d => d.RetryInSeconds));
        double[] waits = [Initial, 2 * Initial, Max, Max];
        Assert.All(waits.Select((wait, i) => (wait, gap: attempts[i + 1].ReceivedAt - attempts[i].ReceivedAt)),
            p => Assert.True(p.gap >= TimeSpan.FromSeconds(p.wait) - TimerSlack, $"waited {p.gap} instead of {p.wait} s"));
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    public async Task Only_evolution_s_non_retryable_statuses_stop_the_attempts(int status, bool triedAgain)
    {
        _receiver.Answer(status);
        await _sim.SetWebhookAsync(Shop, _receiver.Url);

        var delivery = await _sim.ChangeStateAsync(Shop, "connecting");

        Assert.Equal(status, delivery!.StatusCode);
        Assert.Equal(triedAgain ? Initial : null, delivery.RetryInSeconds);
        if (triedAgain)
        {
            Assert.Equal(2, (await _receiver.WaitForAsync(2)).Count);
        }
        else
        {
            Assert.Single(_receiver.Received);
        }
    }

    [Fact]
    public async Task A_webhook_that_answers_too_late_is_tried_again()
    {
        _receiver.Answer(200, hold: TimeSpan.FromSeconds(5));
        await _sim.SetWebhookAsync(Shop, _receiver.Url);

        var first = await _sim.ChangeStateAsync(Shop, "connecting");

        Assert.Null(first!.StatusCode);
        Assert.NotNull(first.Error);
        Assert.Equal(2, (await _receiver.WaitForAsync(2)).Count);
        var second = (await _sim.DeliveriesAsync(d => d.Count == 2))[1];
        Assert.Equal(200, second.StatusCode);
    }

    [Fact]
    public async Task Every_attempt_of_one_event_carries_the_same_envelope_and_the_token_made_before_the_first()
    {
        _receiver.Answer(503);
        await _sim.SetWebhookAsync(Shop, _receiver.Url, new Dictionary<string, string> { ["jwt_key"] = "k3y" });

        await _sim.ChangeStateAsync(Shop, "connecting");

        var attempts = await _receiver.WaitForAsync(2);
        Assert.Equal(attempts[0].Header("Authorization"), attempts[1].Header("Authorization"));
        Assert.Equal(attempts[0].Body.GetRawText(), attempts[1].Body.GetRawText());
    }

    [Fact]
    public async Task The_global_webhook_waits_for_the_instance_webhook_s_retries()
    {
        await using var global = await WebhookReceiver.StartAsync();
        _receiver.Answer(500, times: 2);
        await _sim.SetWebhookAsync(Shop, _receiver.Url);
        await _sim.PutAsync("_sim/global-webhook", new { enabled = true, url = global.Url, events = new[] { "CONNECTION_UPDATE" } });

        await _sim.ChangeStateAsync(Shop, "connecting");

        var own = await _receiver.WaitForAsync(3);
        var server = Assert.Single(await global.WaitForAsync(1));
        Assert.True(server.ReceivedAt >= own[2].ReceivedAt, $"global at {server.ReceivedAt:O}, instance's third attempt at {own[2].ReceivedAt:O}");
        var deliveries = await _sim.DeliveriesAsync(d => d.Count == 4);
        Assert.Equal(["instance", "instance", "instance", "global"], deliveries.Select(d => d.Target));
    }
}

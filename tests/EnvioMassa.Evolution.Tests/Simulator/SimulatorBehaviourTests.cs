using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvioMassa.Evolution.Tests.Infrastructure;

namespace EnvioMassa.Evolution.Tests.Simulator;

/// <summary>The simulator's own promises: its request log, its faults, its instances (webhooks: <see cref="WebhookTests"/>).</summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class SimulatorBehaviourTests(SimulatorFixture sim) : IAsyncLifetime
{
    private const string Shop = SimulatorFixture.Shop;

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Request_log_records_every_request_with_the_time_it_arrived()
    {
        var before = DateTime.UtcNow;
        var sends = Enumerable.Range(0, 10).Select(i =>
            sim.PostEvolutionAsync($"message/sendText/{Shop}", $$"""{"number":"55119000001{{i:D2}}","text":"Olá {{i}}"}"""));
        var responses = await Task.WhenAll(sends.Append(
            sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000199","text":"x"}""", apiKey: "errada")));
        using var missing = await sim.PostEvolutionAsync("message/sendText/nao-existe", "{}");
        var after = DateTime.UtcNow;

        var log = await sim.RequestsAsync();

        Assert.Equal(12, log.Count);
        Assert.Equal(10, log.Count(r => r.Outcome == "accepted" && r.StatusCode == 201 && r.MessageId is not null));
        Assert.Equal(1, log.Count(r => r.Outcome == "unauthorized" && r.StatusCode == 401));
        Assert.Equal("not_found", log[^1].Outcome);
        Assert.Equal("nao-existe", log[^1].Instance);
        Assert.All(log, r => Assert.InRange(r.ArrivedAt, before, after));
        Assert.All(log, r => Assert.True(r.RespondedAt >= r.ArrivedAt));
        Assert.All(log.Zip(log.Skip(1)), p => Assert.True(p.First.Seq < p.Second.Seq && p.First.ArrivedAt <= p.Second.ArrivedAt));
        Assert.Equal(10, log.Where(r => r.Outcome == "accepted").Select(r => r.Number).Distinct().Count());
        Assert.All(responses, r => r.Dispose());

        var raw = await sim.Http.GetStringAsync("_sim/requests?limit=1");
        Assert.Matches(IsoWithFraction(), raw);
    }

    [Fact]
    public async Task Since_lists_only_requests_after_a_sequence_number()
    {
        using var first = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000201","text":"1"}""");
        var seen = (await sim.RequestsAsync()).Single().Seq;
        using var second = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000202","text":"2"}""");

        var later = await sim.RequestsAsync(since: seen);

        Assert.Equal("5511900000202", Assert.Single(later).Number);
    }

    [Fact]
    public async Task Timeout_fault_sends_nothing_and_is_recorded_as_a_timeout()
    {
        await sim.PutAsync("_sim/config", new { timeoutHoldMs = 100 });
        await sim.ScriptFaultAsync("timeout", number: "5511900000210");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000210","text":"Olá"}"""));

        var record = Assert.Single(await sim.RequestsAsync(Shop));
        Assert.Equal("timeout", record.Outcome);
        Assert.Null(record.StatusCode);
        Assert.Null(record.MessageId);
        Assert.NotNull(record.RespondedAt);
    }

    [Fact]
    public async Task Delay_is_honoured_inside_the_request()
    {
        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000220","text":"Olá","delay":300}""");

        Assert.Equal(201, (int)response.StatusCode);
        var record = Assert.Single(await sim.RequestsAsync(Shop));
        // Timers may fire a tick early against the wall clock.
        Assert.InRange((record.RespondedAt!.Value - record.ArrivedAt).TotalMilliseconds, 290, 5_000);
    }

    [Fact]
    public async Task Configured_latency_delays_every_answer()
    {
        await sim.PutAsync("_sim/config", new { latencyMs = 150 });

        using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000225","text":"Olá"}""");

        var record = Assert.Single(await sim.RequestsAsync(Shop));
        Assert.InRange((record.RespondedAt!.Value - record.ArrivedAt).TotalMilliseconds, 140, 5_000);
    }

    [Fact]
    public async Task Random_faults_repeat_exactly_with_the_same_seed()
    {
        var config = new { seed = 42, rates = new { error5xx = 0.2, timedOut = 0.2, tooManyRequests = 0.2, existsFalse = 0.2 } };

        var first = await OutcomesOf20SendsAsync(config);
        await sim.ResetAsync();
        var second = await OutcomesOf20SendsAsync(config);

        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() >= 3, string.Join(",", first));
    }

    [Fact]
    public async Task Scripted_faults_hit_only_their_number_and_only_as_many_times_as_asked()
    {
        await sim.ScriptFaultAsync("timed_out", count: 2, number: "+55 11 90000-0230");

        var outcomes = new List<int>();
        foreach (var number in new[] { "5511900000231", "5511900000230", "5511900000230", "5511900000230" })
        {
            using var response = await sim.PostEvolutionAsync($"message/sendText/{Shop}", $$"""{"number":"{{number}}","text":"x"}""");
            outcomes.Add((int)response.StatusCode);
        }

        Assert.Equal([201, 400, 400, 201], outcomes);
        Assert.Empty(await sim.Http.GetFromJsonAsync<JsonElement[]>("_sim/faults") ?? []);
    }

    [Fact]
    public async Task Instances_can_be_created_at_run_time_with_their_own_token()
    {
        await sim.PutAsync("_sim/instances/nova", new { token = "token-nova", state = "open" });

        using var accepted = await sim.PostEvolutionAsync("message/sendText/nova", """{"number":"5511900000240","text":"x"}""", "token-nova");
        using var refused = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000240","text":"x"}""", "token-nova");

        Assert.Equal(201, (int)accepted.StatusCode);
        Assert.Equal(401, (int)refused.StatusCode);
    }

    [Fact]
    public async Task Stats_count_requests_per_instance_and_outcome()
    {
        await sim.SetMissingAsync("5511900000251");
        using var a = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000250","text":"x"}""");
        using var b = await sim.PostEvolutionAsync($"message/sendText/{Shop}", """{"number":"5511900000251","text":"x"}""");
        using var c = await sim.PostEvolutionAsync($"message/sendText/{SimulatorFixture.Branch}", """{"number":"5511900000250","text":"x"}""");

        var stats = await sim.Http.GetFromJsonAsync<JsonElement>("_sim/stats");

        Assert.Equal(3, stats.GetProperty("requests").GetInt32());
        var shop = stats.GetProperty("instances").GetProperty(Shop).GetProperty("outcomes");
        Assert.Equal(1, shop.GetProperty("accepted").GetInt32());
        Assert.Equal(1, shop.GetProperty("exists_false").GetInt32());
        Assert.Equal(1, stats.GetProperty("instances").GetProperty(SimulatorFixture.Branch).GetProperty("requests").GetInt32());
    }

    private async Task<List<string>> OutcomesOf20SendsAsync(object config)
    {
        await sim.PutAsync("_sim/config", config);
        for (var i = 0; i < 20; i++)
        {
            using var _ = await sim.PostEvolutionAsync($"message/sendText/{Shop}", $$"""{"number":"55119000003{{i:D2}}","text":"x"}""");
        }
        return (await sim.RequestsAsync(Shop)).Select(r => r.Outcome).ToList();
    }

    [GeneratedRegex("\"arrivedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z\"")]
    private static partial Regex IsoWithFraction();
}

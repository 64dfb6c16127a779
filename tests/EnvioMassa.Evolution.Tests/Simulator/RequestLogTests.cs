using EnvioMassa.EvolutionSimulator.Recording;

namespace EnvioMassa.Evolution.Tests.Simulator;

public sealed class RequestLogTests
{
    [Fact]
    public void Hundred_thousand_concurrent_requests_get_unique_rising_sequence_numbers_in_arrival_order()
    {
        const int count = 100_000;
        var log = new RequestLog(TimeProvider.System);

        Parallel.For(0, count, i =>
        {
            var entry = log.Begin("/message/sendText", i % 2 == 0 ? "a" : "b");
            log.Describe(entry, $"55119{i:D8}", "Olá");
            log.Complete(entry, 201, RequestOutcome.Accepted);
        });

        var all = log.Read(instance: null, afterSeq: 0, arrivedSince: null, limit: int.MaxValue);
        Assert.Equal(count, all.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), all.Select(r => r.Seq));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.ArrivedAt <= pair.Second.ArrivedAt));
        Assert.Equal(count / 2, log.Read("a", 0, null, int.MaxValue).Count);
        Assert.Equal(count / 2, log.Stats().Instances["b"].Outcomes[RequestOutcome.Accepted]);
    }

    [Fact]
    public void Since_returns_only_later_entries_and_sequence_numbers_keep_rising_after_a_clear()
    {
        var log = new RequestLog(TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            log.Begin("/message/sendText", "a");
        }

        Assert.Equal([4L, 5L], log.Read(null, afterSeq: 3, null, int.MaxValue).Select(r => r.Seq));
        log.Clear();
        var next = log.Begin("/message/sendText", "a");

        Assert.Equal(6, next.Seq);
        Assert.Equal(RequestOutcome.Pending, Assert.Single(log.Read(null, 0, null, int.MaxValue)).Outcome);
    }

    [Fact]
    public void The_first_completion_wins()
    {
        var log = new RequestLog(TimeProvider.System);
        var entry = log.Begin("/message/sendText", "a");

        log.Complete(entry, statusCode: null, RequestOutcome.Timeout);
        log.Complete(entry, 200);

        var record = Assert.Single(log.Read(null, 0, null, 10));
        Assert.Equal(RequestOutcome.Timeout, record.Outcome);
        Assert.Null(record.StatusCode);
    }
}

using EnvioMassa.Worker.Sender;
using Polly.Timeout;

namespace EnvioMassa.Tests.Sender;

/// <summary>
/// The store-after-send retry has a total bound: a database that keeps failing is given up after the limit (the
/// sweep takes over), instead of the limit applying to each attempt and the retries going on forever.
/// </summary>
public class PipelineDeGravacaoTests
{
    [Fact]
    public async Task A_write_that_keeps_failing_is_given_up_after_the_limit_across_all_attempts()
    {
        var pipeline = EnviarMensagemConsumer.PipelineDeGravacao(TimeSpan.FromMilliseconds(300));
        var tentativas = 0;

        await Assert.ThrowsAsync<TimeoutRejectedException>(async () =>
            await pipeline.ExecuteAsync(_ =>
            {
                Interlocked.Increment(ref tentativas);
                throw new InvalidOperationException("banco fora do ar");
            }));

        // 200 ms, then 400 ms of backoff: the limit ends it during the second wait.
        Assert.InRange(tentativas, 1, 3);
    }

    [Fact]
    public async Task A_write_that_fails_once_is_retried_and_stored()
    {
        var pipeline = EnviarMensagemConsumer.PipelineDeGravacao(TimeSpan.FromSeconds(30));
        var tentativas = 0;

        var resultado = await pipeline.ExecuteAsync(_ =>
        {
            if (Interlocked.Increment(ref tentativas) == 1)
                throw new InvalidOperationException("conexão perdida");
            return ValueTask.FromResult(1);
        });

        Assert.Equal(1, resultado);
        Assert.Equal(2, tentativas);
    }
}

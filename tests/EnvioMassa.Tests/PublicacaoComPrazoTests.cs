using EnvioMassa.ServiceDefaults;

namespace EnvioMassa.Tests;

public class When_a_publish_is_bounded
{
    static readonly TimeSpan Prazo = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Should_give_up_on_a_confirm_that_never_comes_and_say_what_was_not_confirmed()
    {
        // A publish that ignores its token, as RabbitMQ.Client's wait for a lost confirm did.
        var nunca = new TaskCompletionSource();

        var erro = await Assert.ThrowsAsync<TimeoutException>(() =>
            PublicacaoComPrazo.ExecutarAsync(_ => nunca.Task, Prazo, "os agendamentos da instância 9", CancellationToken.None));

        Assert.Contains("os agendamentos da instância 9", erro.Message);
        Assert.Contains("0.2 s", erro.Message.Replace(',', '.'));
    }

    [Fact]
    public async Task Should_cancel_the_token_it_hands_to_the_publish_when_the_bound_passes()
    {
        CancellationToken recebido = default;

        await Assert.ThrowsAsync<TimeoutException>(() => PublicacaoComPrazo.ExecutarAsync(
            limite => { recebido = limite; return Task.Delay(Timeout.Infinite, CancellationToken.None); },
            Prazo, "a varredura", CancellationToken.None));

        Assert.True(recebido.IsCancellationRequested);
    }

    [Fact]
    public async Task Should_let_a_stop_of_the_host_through_as_a_cancellation()
    {
        using var parada = new CancellationTokenSource();
        var publicacao = PublicacaoComPrazo.ExecutarAsync(_ => new TaskCompletionSource().Task, TimeSpan.FromMinutes(1), "a varredura", parada.Token);

        await parada.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publicacao);
    }

    [Fact]
    public async Task Should_return_when_the_publish_is_confirmed_in_time()
    {
        var publicadas = 0;

        await PublicacaoComPrazo.ExecutarAsync(_ => { publicadas++; return Task.CompletedTask; }, Prazo, "a varredura", CancellationToken.None);

        Assert.Equal(1, publicadas);
    }
}

using EnvioMassa.Worker.Sender;

namespace EnvioMassa.Tests.Sender;

public class DigitacaoTests
{
    static readonly TimeSpan DezSegundos = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(10, 1000)]   // a short text still shows a second of typing
    [InlineData(40, 2000)]   // 50 ms a character
    [InlineData(500, 5000)]  // a long one stops at five seconds
    public void Typing_grows_with_the_text_between_one_and_five_seconds(int caracteres, int esperadoMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(esperadoMs), Digitacao.Duracao(new string('a', caracteres), DezSegundos));
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(3, 1500)]
    [InlineData(4, 2000)]
    public void Typing_never_takes_more_than_half_the_minimum_gap(int intervaloSegundos, int esperadoMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(esperadoMs), Digitacao.Duracao(new string('a', 400), TimeSpan.FromSeconds(intervaloSegundos)));
    }
}

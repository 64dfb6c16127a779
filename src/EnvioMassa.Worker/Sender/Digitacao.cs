namespace EnvioMassa.Worker.Sender;

/// <summary>
/// How long "typing…" shows before a message (Evolution's <c>delay</c>): about as long as a person takes to type a
/// short message — 50 ms a character, between 1 and 5 seconds — and never more than half the number's minimum gap, so
/// it starts well after the previous message left. It is part of the gap, never added to it (ADR 0010).
/// </summary>
public static class Digitacao
{
    public static readonly TimeSpan PorCaractere = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Minima = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Maxima = TimeSpan.FromSeconds(5);

    public static TimeSpan Duracao(string texto, TimeSpan intervaloMinimo)
    {
        var pelaDigitacao = TimeSpan.FromTicks(Math.Clamp(PorCaractere.Ticks * texto.Length, Minima.Ticks, Maxima.Ticks));
        var metadeDoIntervalo = intervaloMinimo / 2;
        return TimeSpan.FromMilliseconds(Math.Floor((pelaDigitacao < metadeDoIntervalo ? pelaDigitacao : metadeDoIntervalo).TotalMilliseconds));
    }
}

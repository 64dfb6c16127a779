using EnvioMassa.Worker.Scheduler;

namespace EnvioMassa.Tests.Scheduler;

public class When_the_monitor_asks_whether_an_instance_is_due
{
    static readonly TimeSpan Intervalo = TimeSpan.FromSeconds(30);
    static readonly DateTimeOffset Agora = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    readonly EstadoDasInstancias _estados = new();

    [Fact]
    public void Should_check_an_instance_never_checked_as_periodic()
    {
        Assert.Equal(MotivoDaVerificacao.Periodica, _estados.VerificacaoDevida(1, "7:1", Agora, Intervalo));
    }

    [Fact]
    public void Should_not_check_again_before_the_interval_while_nothing_changed()
    {
        _estados.Registrar(1, Agora, bloqueada: false, "7:1");

        Assert.Null(_estados.VerificacaoDevida(1, "7:1", Agora + Intervalo - TimeSpan.FromSeconds(1), Intervalo));
    }

    [Fact]
    public void Should_check_at_once_when_a_campaign_changed_and_say_so()
    {
        _estados.Registrar(1, Agora, bloqueada: true, "7:1");

        Assert.Equal(MotivoDaVerificacao.CampanhasMudaram, _estados.VerificacaoDevida(1, "7:2", Agora + TimeSpan.FromSeconds(1), Intervalo));
    }

    [Fact]
    public void Should_call_a_check_periodic_once_the_interval_passed_even_if_a_campaign_changed()
    {
        _estados.Registrar(1, Agora, bloqueada: true, "7:1");

        Assert.Equal(MotivoDaVerificacao.Periodica, _estados.VerificacaoDevida(1, "7:2", Agora + Intervalo, Intervalo));
    }

    [Fact]
    public void Should_forget_an_instance_no_longer_watched()
    {
        _estados.Registrar(1, Agora, bloqueada: false, "7:1");

        _estados.ManterApenas(new HashSet<int> { 2 });

        Assert.False(_estados.PodeAgendar(1));
        Assert.Equal(MotivoDaVerificacao.Periodica, _estados.VerificacaoDevida(1, "7:1", Agora, Intervalo));
    }
}

using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class When_a_number_has_caps
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    static readonly DateOnly Hoje = new(2026, 12, 2);
    static readonly DateTimeOffset Agora = new(2026, 12, 2, 14, 30, 0, TimeSpan.FromHours(-3));

    [Theory]
    [InlineData(0, 20)]
    [InlineData(6, 20)]
    [InlineData(7, 50)]
    [InlineData(13, 50)]
    [InlineData(14, 100)]
    [InlineData(21, 200)]
    [InlineData(27, 200)]
    public void Should_hold_a_young_number_to_its_warm_up_stage(int idadeEmDias, int esperado)
    {
        var limites = new LimitesDoNumero(null, null, true, Hoje.AddDays(-idadeEmDias));

        Assert.Equal(esperado, limites.LimiteEfetivo(Hoje));
    }

    [Fact]
    public void Should_never_warm_up_above_the_daily_cap_and_leave_only_it_once_warm()
    {
        Assert.Equal(30, new LimitesDoNumero(30, null, true, Hoje.AddDays(-10)).LimiteEfetivo(Hoje));
        Assert.Equal(500, new LimitesDoNumero(500, null, true, Hoje.AddDays(-40)).LimiteEfetivo(Hoje));
        Assert.Null(new LimitesDoNumero(null, null, true, Hoje.AddDays(-40)).LimiteEfetivo(Hoje));
        Assert.Equal(20, new LimitesDoNumero(null, null, true, null).LimiteEfetivo(Hoje));
    }

    [Fact]
    public void Should_count_sends_in_flight_against_both_caps()
    {
        var limites = new LimitesDoNumero(100, 10, false, null);

        Assert.Equal(3, limites.Vagas(new LimitesDoNumero.Uso(50, 5, 2, null), Agora, SaoPaulo).Vagas);
        Assert.Equal(1, limites.Vagas(new LimitesDoNumero.Uso(97, 0, 2, null), Agora, SaoPaulo).Vagas);
        Assert.Null(new LimitesDoNumero(null, null, false, null).Vagas(new LimitesDoNumero.Uso(900, 90, 9, null), Agora, SaoPaulo).Vagas);
    }

    [Fact]
    public void Should_say_the_day_is_full_and_that_it_goes_on_tomorrow()
    {
        var (vagas, motivo) = new LimitesDoNumero(null, null, true, Hoje.AddDays(-2)).Vagas(new LimitesDoNumero.Uso(19, 3, 1, null), Agora, SaoPaulo);

        Assert.Equal(0, vagas);
        Assert.Equal("Limite diário do número atingido (20 de 20, em aquecimento): continua amanhã, 03/12 às 00:00 (America/Sao_Paulo).", motivo);
    }

    [Fact]
    public void Should_say_the_hour_is_full_and_when_the_oldest_send_of_it_ages_out()
    {
        var antigo = new DateTime(2026, 12, 2, 17, 2, 0, DateTimeKind.Utc); // 14:02 in São Paulo
        var (vagas, motivo) = new LimitesDoNumero(200, 60, false, null).Vagas(new LimitesDoNumero.Uso(80, 59, 1, antigo), Agora, SaoPaulo);

        Assert.Equal(0, vagas);
        Assert.Equal("Limite por hora do número atingido (60 nos últimos 60 minutos, limite 60): continua por volta das 15:02 (America/Sao_Paulo).", motivo);
    }
}

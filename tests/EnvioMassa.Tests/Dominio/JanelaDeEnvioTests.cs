using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class When_a_campaign_has_a_sending_window
{
    // seg a sex, 08:00 às 20:00 em São Paulo (UTC−3, sem horário de verão desde 2019).
    static readonly JanelaDeEnvio Comercial = JanelaDeEnvio.Da("seg,ter,qua,qui,sex", new TimeOnly(8, 0), new TimeOnly(20, 0), "America/Sao_Paulo")!;

    static DateTimeOffset SaoPaulo(int dia, int hora, int minuto, int segundo = 0) =>
        new(2026, 12, dia, hora, minuto, segundo, TimeSpan.FromHours(-3));

    [Fact]
    public void Should_be_open_inside_the_hours_of_an_allowed_day_and_say_when_it_closes()
    {
        // 2026-12-02 is a Wednesday.
        Assert.Equal(new DateTime(2026, 12, 2, 23, 0, 0, DateTimeKind.Utc), Comercial.FechaEm(SaoPaulo(2, 9, 30)));
    }

    [Theory]
    [InlineData(2, 7, 59, 59)] // before the opening
    [InlineData(2, 20, 0, 0)]  // the end is excluded
    [InlineData(5, 10, 0, 0)]  // Saturday
    [InlineData(6, 10, 0, 0)]  // Sunday
    public void Should_be_closed_outside_it(int dia, int hora, int minuto, int segundo)
    {
        Assert.Null(Comercial.FechaEm(SaoPaulo(dia, hora, minuto, segundo)));
    }

    [Fact]
    public void Should_open_next_at_the_same_day_before_the_start_the_next_day_after_the_end_and_monday_after_friday()
    {
        Assert.Equal(SaoPaulo(2, 8, 0).UtcDateTime, Comercial.ProximaAbertura(SaoPaulo(2, 6, 0)));
        Assert.Equal(SaoPaulo(3, 8, 0).UtcDateTime, Comercial.ProximaAbertura(SaoPaulo(2, 20, 30)));
        Assert.Equal(SaoPaulo(7, 8, 0).UtcDateTime, Comercial.ProximaAbertura(SaoPaulo(4, 21, 0)));
    }

    [Fact]
    public void Should_follow_the_zone_of_the_window_not_the_machine()
    {
        var lisboa = JanelaDeEnvio.Da(null, new TimeOnly(9, 0), new TimeOnly(10, 0), "Europe/Lisbon")!;

        // 09:30 in Lisbon (UTC+0 in December) is 06:30 in São Paulo.
        Assert.NotNull(lisboa.FechaEm(SaoPaulo(2, 6, 30)));
        Assert.Null(lisboa.FechaEm(SaoPaulo(2, 9, 30)));
    }

    [Fact]
    public void Should_keep_the_wall_clock_hours_across_a_daylight_saving_change()
    {
        var novaYork = JanelaDeEnvio.Da(null, new TimeOnly(8, 0), new TimeOnly(20, 0), "America/New_York")!;

        // 2026-03-08 clocks go forward in New York: 08:00 is 12:00 UTC that day, 13:00 UTC the day before.
        Assert.Equal(new DateTime(2026, 3, 7, 13, 0, 0, DateTimeKind.Utc), novaYork.ProximaAbertura(new DateTimeOffset(2026, 3, 7, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTime(2026, 3, 8, 12, 0, 0, DateTimeKind.Utc), novaYork.ProximaAbertura(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Should_say_in_the_waiting_reason_when_and_where_it_goes_on()
    {
        var motivo = Comercial.MotivoDeEspera(SaoPaulo(4, 21, 0));

        Assert.Equal("Fora da janela de envio (seg,ter,qua,qui,sex das 08:00 às 20:00, America/Sao_Paulo): continua seg 07/12 às 08:00.", motivo);
    }

    [Fact]
    public void Should_store_days_in_week_order_whatever_order_they_came_in()
    {
        Assert.Equal("seg,qua,sab", JanelaDeEnvio.GravarDias([DayOfWeek.Saturday, DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Monday]));
    }
}

using EnvioMassa.ServiceDefaults;

namespace EnvioMassa.Tests.Dominio;

public class When_today_starts_in_the_default_time_zone
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    [Theory]
    [InlineData("2026-12-02T15:00:00Z", "2026-12-02T03:00:00Z")] // noon in São Paulo
    [InlineData("2026-12-03T02:59:59Z", "2026-12-02T03:00:00Z")] // 23:59:59 there: still the 2nd
    [InlineData("2026-12-03T03:00:00Z", "2026-12-03T03:00:00Z")] // midnight there
    public void Should_be_midnight_in_sao_paulo_in_utc(string agora, string inicio) =>
        Assert.Equal(DateTime.Parse(inicio).ToUniversalTime(),
            EnvioMassaOptions.InicioDoDiaUtc(DateTimeOffset.Parse(agora), SaoPaulo));

    [Fact]
    public void Should_start_at_the_first_local_time_when_daylight_saving_skipped_midnight()
    {
        // On 2018-11-04 São Paulo's clocks jumped from 00:00 to 01:00 (UTC−3 to UTC−2): the day began at 01:00 local.
        var inicio = EnvioMassaOptions.InicioDoDiaUtc(new DateTimeOffset(2018, 11, 4, 15, 0, 0, TimeSpan.Zero), SaoPaulo);

        Assert.Equal(new DateTime(2018, 11, 4, 3, 0, 0, DateTimeKind.Utc), inicio);
    }
}

namespace EnvioMassa.ServiceDefaults;

/// <summary>Settings of the whole system (<c>EnvioMassa:*</c>).</summary>
public sealed class EnvioMassaOptions
{
    public const string Section = "EnvioMassa";

    /// <summary>
    /// The IANA time zone whose calendar day an instance's daily counts use ("today" starts at midnight there), unless
    /// a campaign's own window says otherwise.
    /// </summary>
    public string FusoPadrao { get; set; } = "America/Sao_Paulo";

    public TimeZoneInfo Fuso() => TimeZoneInfo.FindSystemTimeZoneById(FusoPadrao);

    /// <summary>
    /// The UTC instant at which the local day of <paramref name="agora"/> began in <paramref name="fuso"/> (the rows'
    /// <c>data_envio</c> are UTC). A midnight skipped by a daylight-saving change starts the day at the first local
    /// time that exists.
    /// </summary>
    public static DateTime InicioDoDiaUtc(DateTimeOffset agora, TimeZoneInfo fuso)
    {
        var meiaNoite = TimeZoneInfo.ConvertTime(agora, fuso).Date;
        while (fuso.IsInvalidTime(meiaNoite))
            meiaNoite = meiaNoite.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(meiaNoite, fuso);
    }
}

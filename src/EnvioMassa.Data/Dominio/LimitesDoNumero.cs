namespace EnvioMassa.Data.Dominio;

/// <summary>
/// The caps of one WhatsApp number, shared by every campaign that sends through it: sends per calendar day (in
/// <c>EnvioMassa:FusoPadrao</c>) and per rolling hour, and the warm-up that holds a young number's day lower.
/// Counted from sends Evolution accepted plus sends already scheduled or on their way, so no mix of campaigns, sender
/// replicas or look-ahead can go over.
/// </summary>
public sealed record LimitesDoNumero(int? LimiteDiario, int? LimitePorHora, bool Aquecimento, DateOnly? ConectadaDesde)
{
    /// <summary>
    /// The warm-up schedule: the daily cap by the number's age in days since <see cref="ConectadaDesde"/> (first week
    /// 20, then 50, 100, 200); from day 28 on only <see cref="LimiteDiario"/> applies.
    /// </summary>
    public static readonly IReadOnlyList<(int AteODia, int PorDia)> EtapasDoAquecimento = [(7, 20), (14, 50), (21, 100), (28, 200)];

    public bool Algum => LimiteDiario is not null || LimitePorHora is not null || Aquecimento;

    /// <summary>Today's daily cap: the warm-up stage of the number's age, never above <see cref="LimiteDiario"/>; null = none.</summary>
    public int? LimiteEfetivo(DateOnly hoje)
    {
        if (!Aquecimento)
            return LimiteDiario;
        var idade = hoje.DayNumber - (ConectadaDesde ?? hoje).DayNumber;
        var etapa = EtapasDoAquecimento.FirstOrDefault(e => idade < e.AteODia);
        var aquecimento = etapa == default ? (int?)null : etapa.PorDia;
        return (aquecimento, LimiteDiario) switch
        {
            ({ } a, { } l) => Math.Min(a, l),
            ({ } a, null) => a,
            (null, var l) => l,
        };
    }

    /// <param name="Hoje">Sends accepted since local midnight.</param>
    /// <param name="UltimaHora">Sends accepted in the last 60 minutes.</param>
    /// <param name="EmVoo">Sends scheduled or being sent, not yet accepted.</param>
    /// <param name="MaisAntigoDaHora">The oldest accepted send of the last 60 minutes (UTC), if any.</param>
    public sealed record Uso(int Hoje, int UltimaHora, int EmVoo, DateTime? MaisAntigoDaHora);

    /// <summary>
    /// How many more sends may be scheduled now (null = no cap), and, when none, why and until when — for
    /// <c>motivoEspera</c>.
    /// </summary>
    public (int? Vagas, string? Motivo) Vagas(Uso uso, DateTimeOffset agora, TimeZoneInfo fuso)
    {
        var local = TimeZoneInfo.ConvertTime(agora, fuso);
        var efetivo = LimiteEfetivo(DateOnly.FromDateTime(local.DateTime));
        var porDia = efetivo - uso.Hoje - uso.EmVoo;
        var porHora = LimitePorHora - uso.UltimaHora - uso.EmVoo;
        int? vagas = (porDia, porHora) switch
        {
            ({ } d, { } h) => Math.Min(d, h),
            ({ } d, null) => d,
            (null, var h) => h,
        };
        if (vagas is not { } v || v > 0)
            return (vagas, null);

        if (porDia <= 0)
        {
            var amanha = DateOnly.FromDateTime(local.DateTime).AddDays(1);
            var aquecendo = Aquecimento && efetivo != LimiteDiario ? ", em aquecimento" : "";
            return (0, $"Limite diário do número atingido ({uso.Hoje + uso.EmVoo} de {efetivo}{aquecendo}): " +
                       $"continua amanhã, {amanha.ToString("dd'/'MM")} às 00:00 ({fuso.Id}).");
        }

        var libera = uso.MaisAntigoDaHora is { } antigo
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(antigo, DateTimeKind.Utc)).AddHours(1), fuso)
            : local.AddMinutes(1);
        return (0, $"Limite por hora do número atingido ({uso.UltimaHora + uso.EmVoo} nos últimos 60 minutos, limite {LimitePorHora}): " +
                   $"continua por volta das {libera:HH:mm} ({fuso.Id}).");
    }
}

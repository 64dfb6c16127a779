using System.Globalization;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// When a campaign may send: some days of the week, from <see cref="Inicio"/> to <see cref="Fim"/> (same day, the end
/// excluded), in a time zone. Outside it nothing is scheduled; the campaign waits, still <c>enviando</c>, for the next
/// opening. Calendar time, so daylight-saving changes of the zone are followed.
/// </summary>
public sealed record JanelaDeEnvio(IReadOnlySet<DayOfWeek> Dias, TimeOnly Inicio, TimeOnly Fim, TimeZoneInfo Fuso)
{
    /// <summary>The window stored in a campaign row, or null when it has none.</summary>
    public static JanelaDeEnvio? Da(string? dias, TimeOnly? inicio, TimeOnly? fim, string? fuso) =>
        inicio is { } i && fim is { } f
            ? new JanelaDeEnvio(LerDias(dias), i, f, TimeZoneInfo.FindSystemTimeZoneById(fuso ?? ConfiguracaoDeCampanha.FusoPadrao))
            : null;

    /// <summary><c>seg,ter,...</c> as stored; every day when empty.</summary>
    public static IReadOnlySet<DayOfWeek> LerDias(string? dias) =>
        string.IsNullOrWhiteSpace(dias)
            ? Enum.GetValues<DayOfWeek>().ToHashSet()
            : dias.Split(',').Select(d => (DayOfWeek)ConfiguracaoDeCampanha.Dias.ToList().IndexOf(d.Trim())).ToHashSet();

    public static string GravarDias(IEnumerable<DayOfWeek> dias) =>
        string.Join(",", dias.Distinct().Order().Select(d => ConfiguracaoDeCampanha.Dias[(int)d]));

    /// <summary>
    /// The end of the open period that contains <paramref name="agora"/>, as a UTC instant; null when the window is
    /// closed at that moment.
    /// </summary>
    public DateTime? FechaEm(DateTimeOffset agora)
    {
        var local = TimeZoneInfo.ConvertTime(agora, Fuso);
        var hora = TimeOnly.FromDateTime(local.DateTime);
        if (!Dias.Contains(local.DayOfWeek) || hora < Inicio || hora >= Fim)
            return null;
        return ParaUtc(DateOnly.FromDateTime(local.DateTime), Fim);
    }

    /// <summary>The next opening after <paramref name="agora"/> (UTC), when the window is closed.</summary>
    public DateTime ProximaAbertura(DateTimeOffset agora)
    {
        var local = TimeZoneInfo.ConvertTime(agora, Fuso);
        var dia = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= Inicio)
            dia = dia.AddDays(1);
        while (!Dias.Contains(dia.DayOfWeek))
            dia = dia.AddDays(1);
        return ParaUtc(dia, Inicio);
    }

    /// <summary>Why a campaign waits, for <c>motivoEspera</c>: when and where it goes on.</summary>
    public string MotivoDeEspera(DateTimeOffset agora)
    {
        var abertura = TimeZoneInfo.ConvertTime(new DateTimeOffset(ProximaAbertura(agora), TimeSpan.Zero), Fuso);
        var dia = ConfiguracaoDeCampanha.Dias[(int)abertura.DayOfWeek];
        return $"Fora da janela de envio ({Descrever()}): continua {dia} {abertura.ToString("dd/MM", CultureInfo.InvariantCulture)} " +
               $"às {Inicio:HH:mm}.";
    }

    public string Descrever() =>
        $"{(Dias.Count == 7 ? "todos os dias" : GravarDias(Dias))} das {Inicio:HH:mm} às {Fim:HH:mm}, {Fuso.Id}";

    /// <summary>A wall-clock time of the zone as UTC; a time skipped by a daylight-saving jump is taken as the first after it.</summary>
    DateTime ParaUtc(DateOnly dia, TimeOnly hora)
    {
        var local = dia.ToDateTime(hora, DateTimeKind.Unspecified);
        while (Fuso.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, Fuso);
    }
}

using System.Globalization;
using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// A campaign's sending window as the operator writes it: <c>{ "dias": ["seg", ...], "inicio": "08:00", "fim": "20:00",
/// "fuso": "America/Sao_Paulo" }</c>. Days default to every day, the zone to <c>EnvioMassa:FusoPadrao</c>; the hours are
/// required and the window cannot cross midnight.
/// </summary>
public sealed record JanelaEntrada(List<string>? Dias, string? Inicio, string? Fim, string? Fuso)
{
    /// <summary>The window to store (days, start, end, zone); its errors go to <paramref name="erros"/>.</summary>
    internal static (string Dias, TimeOnly Inicio, TimeOnly Fim, string Fuso)? Validar(JanelaEntrada janela, string fusoPadrao, Erros erros)
    {
        var dias = new List<DayOfWeek>();
        if (janela.Dias is { Count: 0 })
            erros.Adicionar("janela.dias", "'janela.dias' está vazio: a campanha nunca enviaria. Omita o campo para todos os dias.");
        foreach (var dia in janela.Dias ?? [.. ConfiguracaoDeCampanha.Dias])
        {
            var indice = ConfiguracaoDeCampanha.Dias.ToList().IndexOf(dia?.Trim().ToLowerInvariant() ?? "");
            if (indice < 0)
                erros.Adicionar("janela.dias", $"Dia desconhecido '{dia}'. Use: {string.Join(", ", ConfiguracaoDeCampanha.Dias)}.");
            else
                dias.Add((DayOfWeek)indice);
        }

        var inicio = Hora("janela.inicio", janela.Inicio, erros);
        var fim = Hora("janela.fim", janela.Fim, erros);
        if (inicio is { } i && fim is { } f && f <= i)
            erros.Adicionar("janela.fim",
                $"'janela.fim' ({janela.Fim}) precisa ser depois de 'janela.inicio' ({janela.Inicio}); a janela não atravessa a meia-noite.");

        var fuso = string.IsNullOrWhiteSpace(janela.Fuso) ? fusoPadrao : janela.Fuso.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(fuso, out _))
            erros.Adicionar("janela.fuso", $"Fuso horário desconhecido '{fuso}'. Use um nome IANA, ex.: America/Sao_Paulo, America/Manaus.");

        // With any error the caller answers 400 before storing: only the hours are needed to build the value.
        if (inicio is null || fim is null)
            return null;
        return (JanelaDeEnvio.GravarDias(dias), inicio.Value, fim.Value, fuso);
    }

    static TimeOnly? Hora(string campo, string? valor, Erros erros)
    {
        if (string.IsNullOrWhiteSpace(valor))
        {
            erros.Adicionar(campo, $"'{campo}' é obrigatório na janela, no formato HH:mm (ex.: 08:00).");
            return null;
        }
        if (TimeOnly.TryParseExact(valor.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var hora))
            return hora;
        erros.Adicionar(campo, $"'{campo}' ({valor}) deve estar no formato HH:mm, de 00:00 a 23:59.");
        return null;
    }

    /// <summary>The stored window as the API shows it, or null.</summary>
    public static JanelaEntrada? De(Data.Entities.Campanha c) =>
        c.JanelaInicio is { } i && c.JanelaFim is { } f
            ? new JanelaEntrada([.. JanelaDeEnvio.LerDias(c.JanelaDias).Order().Select(d => ConfiguracaoDeCampanha.Dias[(int)d])],
                i.ToString("HH:mm", CultureInfo.InvariantCulture), f.ToString("HH:mm", CultureInfo.InvariantCulture), c.JanelaFuso)
            : null;
}

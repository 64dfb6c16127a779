using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// The pace a campaign asks of its numbers, as validated from <see cref="CampanhaEntrada"/>: a fixed gap
/// (<c>intervaloSegundos</c>, default 10) or a random one in [<c>intervaloMinSegundos</c>, <c>intervaloMaxSegundos</c>],
/// and an optional long pause. See docs/campanhas.md for why each protects the number.
/// </summary>
public sealed record RitmoEntrada(int IntervaloMinSegundos, int? IntervaloMaxSegundos, int? PausaLongaACada, int? PausaLongaSegundos)
{
    public const int IntervaloPadrao = 10;
    public const int PausaLongaMaxima = 86_400;
    public const int PausaLongaACadaMaximo = 1000;

    internal static RitmoEntrada Validar(CampanhaEntrada entrada, Erros erros)
    {
        erros.Faixa("intervaloSegundos", entrada.IntervaloSegundos, 1, ConfiguracaoDeCampanha.IntervaloMaximoSegundos);
        erros.Faixa("intervaloMinSegundos", entrada.IntervaloMinSegundos, 1, ConfiguracaoDeCampanha.IntervaloMaximoSegundos);
        erros.Faixa("intervaloMaxSegundos", entrada.IntervaloMaxSegundos, 1, ConfiguracaoDeCampanha.IntervaloMaximoSegundos);
        if (entrada.IntervaloSegundos is not null && (entrada.IntervaloMinSegundos ?? entrada.IntervaloMaxSegundos) is not null)
            erros.Adicionar("intervaloSegundos",
                "Use 'intervaloSegundos' (intervalo fixo) ou 'intervaloMinSegundos' e 'intervaloMaxSegundos' (intervalo aleatório), não os dois.");
        else if (entrada.IntervaloMinSegundos is null != entrada.IntervaloMaxSegundos is null)
            erros.Adicionar(entrada.IntervaloMinSegundos is null ? "intervaloMinSegundos" : "intervaloMaxSegundos",
                "'intervaloMinSegundos' e 'intervaloMaxSegundos' vão juntos: informe os dois.");
        else if (entrada.IntervaloMinSegundos > entrada.IntervaloMaxSegundos)
            erros.Adicionar("intervaloMaxSegundos",
                $"'intervaloMaxSegundos' ({entrada.IntervaloMaxSegundos}) é menor que 'intervaloMinSegundos' ({entrada.IntervaloMinSegundos}).");

        var minimo = entrada.IntervaloMinSegundos ?? entrada.IntervaloSegundos ?? IntervaloPadrao;
        var maximo = entrada.IntervaloMaxSegundos is { } m && m > minimo ? m : (int?)null;

        if (entrada.PausaLonga is { } pausa)
        {
            if (pausa.ACada is null)
                erros.Adicionar("pausaLonga.aCada", "'pausaLonga.aCada' é obrigatório: a pausa vem depois de quantos envios do número.");
            if (pausa.Segundos is null)
                erros.Adicionar("pausaLonga.segundos", "'pausaLonga.segundos' é obrigatório: quanto dura a pausa.");
            erros.Faixa("pausaLonga.aCada", pausa.ACada, 2, PausaLongaACadaMaximo);
            erros.Faixa("pausaLonga.segundos", pausa.Segundos, 1, PausaLongaMaxima);
            if (pausa.Segundos is { } s && s <= (maximo ?? minimo))
                erros.Adicionar("pausaLonga.segundos",
                    $"A pausa longa ({s} s) precisa ser maior que o intervalo normal (até {maximo ?? minimo} s).");
        }

        return new RitmoEntrada(minimo, maximo, entrada.PausaLonga?.ACada, entrada.PausaLonga?.Segundos);
    }
}

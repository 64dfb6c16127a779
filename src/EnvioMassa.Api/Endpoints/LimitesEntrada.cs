using System.Globalization;
using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Api.Endpoints;

/// <summary>The caps of a number as validated from <see cref="InstanciaEntrada"/>; see docs/campanhas.md.</summary>
static class LimitesEntrada
{
    public const int Maximo = 100_000;

    public static LimitesDoNumero Validar(InstanciaEntrada entrada, DateOnly hoje, Erros erros)
    {
        erros.Faixa("limiteDiario", entrada.LimiteDiario, 1, Maximo);
        erros.Faixa("limitePorHora", entrada.LimitePorHora, 1, Maximo);
        if (entrada.LimitePorHora > entrada.LimiteDiario)
            erros.Adicionar("limitePorHora", $"'limitePorHora' ({entrada.LimitePorHora}) é maior que 'limiteDiario' ({entrada.LimiteDiario}).");

        DateOnly? desde = null;
        if (!string.IsNullOrWhiteSpace(entrada.ConectadaDesde))
        {
            if (!DateOnly.TryParseExact(entrada.ConectadaDesde.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var data))
                erros.Adicionar("conectadaDesde", $"'conectadaDesde' ({entrada.ConectadaDesde}) deve ser uma data AAAA-MM-DD, ex.: 2026-11-20.");
            else if (data > hoje)
                erros.Adicionar("conectadaDesde", $"'conectadaDesde' ({entrada.ConectadaDesde}) está no futuro.");
            else
                desde = data;
        }

        var aquecimento = entrada.Aquecimento ?? false;
        // Warming up a number of unknown age starts it as new: the safe side.
        return new LimitesDoNumero(entrada.LimiteDiario, entrada.LimitePorHora, aquecimento, desde ?? (aquecimento ? hoje : null));
    }
}

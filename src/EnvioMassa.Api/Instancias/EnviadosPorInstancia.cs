using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Instancias;

/// <summary>
/// Sends Evolution accepted per instance, across every campaign: today (since midnight in <c>EnvioMassa:FusoPadrao</c>)
/// and in the last hour. Read through <c>ix_campanhas_instancia_status</c> and <c>ix_envios_campanha_status_data</c>:
/// a range of <c>data_envio</c> within each campaign's <c>enviado</c> rows, so the cost follows today's sends, not history.
/// </summary>
public sealed class EnviadosPorInstancia(EnvioMassaDbContext db, TimeProvider relogio, IOptions<EnvioMassaOptions> options)
{
    public sealed record Contagem(int Hoje, int UltimaHora)
    {
        public static readonly Contagem Nenhum = new(0, 0);
    }

    /// <summary>Today's date in <c>EnvioMassa:FusoPadrao</c>, the day the caps count.</summary>
    public DateOnly Hoje() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(relogio.GetUtcNow(), options.Value.Fuso()).DateTime);

    public async Task<Dictionary<int, Contagem>> ContarAsync(IReadOnlyCollection<int> instancias, CancellationToken ct)
    {
        if (instancias.Count == 0)
            return [];
        var agora = relogio.GetUtcNow();
        var hoje = EnvioMassaOptions.InicioDoDiaUtc(agora, options.Value.Fuso());
        var umaHora = agora.UtcDateTime.AddHours(-1);
        var desde = hoje < umaHora ? hoje : umaHora;
        return await db.Envios.AsNoTracking()
            .Where(e => e.InstanciaId != null && instancias.Contains(e.InstanciaId.Value) && e.Status == StatusEnvio.Enviado && e.DataEnvio >= desde)
            .GroupBy(e => e.InstanciaId!.Value)
            .Select(g => new { Id = g.Key, Hoje = g.Count(e => e.DataEnvio >= hoje), UltimaHora = g.Count(e => e.DataEnvio >= umaHora) })
            .ToDictionaryAsync(g => g.Id, g => new Contagem(g.Hoje, g.UltimaHora), ct);
    }
}

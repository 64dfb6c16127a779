using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// Read-only views the dashboard draws a campaign with: its pace minute by minute and why its sends failed. They read
/// the detail rows, which are the truth (the counters only total them).
/// </summary>
public static class AcompanhamentoEndpoints
{
    static readonly string[] StatusFinaisDeEnvio = [StatusEnvio.Enviado, StatusEnvio.Erro, StatusEnvio.Incerto];
    static readonly string[] StatusDeFalha = [StatusEnvio.Erro, StatusEnvio.Incerto];

    public static RouteGroupBuilder MapAcompanhamentoEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campanhas").WithTags("Campanhas");
        group.MapGet("/{id:int}/ritmo", Ritmo)
            .WithSummary("Envios por minuto da campanha nos últimos N minutos (minutos sem envio vêm com zero)")
            .Produces<List<MinutoDeRitmo>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:int}/falhas", Falhas)
            .WithSummary("Motivos de falha da campanha agrupados, do mais frequente ao menos frequente")
            .Produces<List<MotivoDeFalha>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// Every minute of the window is in the answer, those without sends as zeros: a gap in the chart is a real gap.
    /// A row counts in the minute of its <c>data_envio</c>, as the campaign counts it: <c>enviados</c> are the sends
    /// that ended (accepted or failed), <c>falhas</c> the failed part of them.
    /// </summary>
    static async Task<IResult> Ritmo(int id, EnvioMassaDbContext db, TimeProvider relogio, CancellationToken ct, int minutos = 60)
    {
        var erros = new Erros();
        erros.Faixa("minutos", minutos, 1, 1440);
        if (erros.Algum)
            return erros.Resultado();
        if (!await db.Campanhas.AnyAsync(c => c.Id == id, ct))
            return NaoExiste(id);

        var agora = relogio.GetUtcNow().UtcDateTime;
        var atual = new DateTime(agora.Year, agora.Month, agora.Day, agora.Hour, agora.Minute, 0, DateTimeKind.Utc);
        var desde = atual.AddMinutes(-(minutos - 1));
        var porMinuto = await db.Envios.AsNoTracking()
            .Where(e => e.CampanhaId == id && e.DataEnvio >= desde && StatusFinaisDeEnvio.Contains(e.Status))
            .GroupBy(e => new { e.DataEnvio!.Value.Year, e.DataEnvio.Value.Month, e.DataEnvio.Value.Day, e.DataEnvio.Value.Hour, e.DataEnvio.Value.Minute })
            .Select(g => new
            {
                g.Key,
                Enviados = g.Count(),
                Falhas = g.Count(e => StatusDeFalha.Contains(e.Status)),
            })
            .ToListAsync(ct);
        var contagens = porMinuto.ToDictionary(
            m => new DateTime(m.Key.Year, m.Key.Month, m.Key.Day, m.Key.Hour, m.Key.Minute, 0, DateTimeKind.Utc),
            m => (m.Enviados, m.Falhas));

        var ritmo = Enumerable.Range(0, minutos).Select(i =>
        {
            var minuto = desde.AddMinutes(i);
            var (enviados, falhas) = contagens.GetValueOrDefault(minuto);
            return new MinutoDeRitmo(minuto, enviados, falhas);
        });
        return Results.Ok(ritmo.ToList());
    }

    /// <summary>
    /// Evolution's answers name the recipient (<c>5511…@s.whatsapp.net exists=false, number=5511…</c>): a run of 8 or
    /// more digits in a reason is masked, so one cause is one group whatever the numbers it hit. The latest errors
    /// (<c>/envios?status=erro</c>) show each reason in full.
    /// </summary>
    static async Task<IResult> Falhas(int id, EnvioMassaDbContext db, CancellationToken ct, int limite = 10)
    {
        var erros = new Erros();
        erros.Faixa("limite", limite, 1, 100);
        if (erros.Algum)
            return erros.Resultado();
        if (!await db.Campanhas.AnyAsync(c => c.Id == id, ct))
            return NaoExiste(id);

        var motivos = await db.Database.SqlQuery<MotivoDeFalha>(
                $"""
                 SELECT REGEXP_REPLACE(COALESCE(erro_mensagem, {SemMotivo}), {NumeroLongo}, {Mascara}) AS Motivo,
                        COUNT(*) AS Quantidade, MAX(data_envio) AS UltimaEm
                 FROM envios_massa_detalhes
                 WHERE campanha_id = {id} AND status IN ({StatusEnvio.Erro}, {StatusEnvio.Incerto})
                 GROUP BY Motivo
                 ORDER BY Quantidade DESC, UltimaEm DESC
                 LIMIT {limite}
                 """)
            .ToListAsync(ct);
        return Results.Ok(motivos);
    }

    const string NumeroLongo = "[0-9]{8,}";
    const string Mascara = "…";

    /// <summary>A failed row always gets a reason; this only shows if one was stored without.</summary>
    const string SemMotivo = "(sem motivo registrado)";

    static IResult NaoExiste(int id) => Problemas.NaoEncontrado($"A campanha {id}");
}

public sealed record MinutoDeRitmo(DateTime Minuto, int Enviados, int Falhas);

public sealed record MotivoDeFalha(string Motivo, int Quantidade, DateTime? UltimaEm);

using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// The per-instance pacing gate, shared by every sender process through the database clock: a send may start only
/// when the previous send on the same instance started at least the interval before. The delay queue already
/// delivers at the slot; the gate is what holds P1 when messages arrive late and bunch up, or senders race.
/// </summary>
public static class PacingGate
{
    /// <summary>Takes the instance's turn inside the caller's transaction; false when the interval has not passed yet.</summary>
    public static async Task<bool> TryTakeTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan intervalo, CancellationToken ct)
    {
        var micro = (long)(intervalo.TotalMilliseconds * 1000);
        var movidas = await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias SET ultimo_envio = UTC_TIMESTAMP(3)
             WHERE id = {instanciaId}
               AND (ultimo_envio IS NULL OR ultimo_envio <= UTC_TIMESTAMP(3) - INTERVAL {micro} MICROSECOND)
             """, ct);
        return movidas == 1;
    }

    /// <summary>How long until the instance's next turn, by the database clock.</summary>
    public static async Task<TimeSpan> TimeToNextTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan intervalo, CancellationToken ct)
    {
        var micro = (long)(intervalo.TotalMilliseconds * 1000);
        var restante = await db.Database.SqlQuery<long?>(
                $"""
                 SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), ultimo_envio + INTERVAL {micro} MICROSECOND) AS Value
                 FROM instancias WHERE id = {instanciaId}
                 """)
            .ToListAsync(ct);
        var us = restante.FirstOrDefault() ?? 0;
        return us <= 0 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromTicks(us * 10) + TimeSpan.FromMilliseconds(1);
    }
}

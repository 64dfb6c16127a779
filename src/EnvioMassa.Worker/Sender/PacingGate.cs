using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// The per-instance pacing gate, shared by every sender process through the database. Each send takes a turn:
/// <c>turn = max(previous turn + interval, now + lead)</c>, stored in <c>instancias.ultimo_envio</c>, and the call to
/// Evolution starts at that turn, not when the claim commits. Commit times vary (an fsync can take tens of
/// milliseconds); sending at a fixed point after it keeps that jitter out of the gaps Evolution sees.
/// The delay queue already delivers at the slot; the gate is what holds P1 when messages arrive late and bunch up,
/// or senders race.
/// </summary>
public static class PacingGate
{
    /// <summary>
    /// Takes the instance's next turn inside the caller's transaction, if it is no further away than
    /// <paramref name="lead"/>; returns how long from now the call must wait, or null when it is not yet time to ask.
    /// </summary>
    public static async Task<TimeSpan?> TryTakeTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan intervalo, TimeSpan lead,
        CancellationToken ct)
    {
        var iv = Micro(intervalo);
        var ld = Micro(lead);
        var movidas = await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias
             SET ultimo_envio = GREATEST(COALESCE(ultimo_envio + INTERVAL {iv} MICROSECOND, '1970-01-01'),
                                         UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND)
             WHERE id = {instanciaId}
               AND (ultimo_envio IS NULL OR ultimo_envio + INTERVAL {iv} MICROSECOND <= UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND)
             """, ct);
        if (movidas != 1)
            return null;
        var espera = await db.Database.SqlQuery<long>(
                $"SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), ultimo_envio) AS Value FROM instancias WHERE id = {instanciaId}")
            .ToListAsync(ct);
        return TimeSpan.FromTicks(Math.Max(0, espera[0]) * 10);
    }

    /// <summary>How long until it is worth asking for a turn again, by the database clock.</summary>
    public static async Task<TimeSpan> TimeToNextTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan intervalo, TimeSpan lead,
        CancellationToken ct)
    {
        var iv = Micro(intervalo);
        var ld = Micro(lead);
        var restante = await db.Database.SqlQuery<long?>(
                $"""
                 SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND, ultimo_envio + INTERVAL {iv} MICROSECOND) AS Value
                 FROM instancias WHERE id = {instanciaId}
                 """)
            .ToListAsync(ct);
        var us = restante.FirstOrDefault() ?? 0;
        return us <= 0 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromTicks(us * 10) + TimeSpan.FromMilliseconds(1);
    }

    /// <summary>
    /// The request left later than its turn (a slow commit, first-call costs, a stalled process): move the turn to
    /// when it really left, so the next send on the instance is measured from there.
    /// </summary>
    public static Task PushTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan leftAgo, CancellationToken ct)
    {
        var ago = Micro(leftAgo);
        return db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias SET ultimo_envio = GREATEST(ultimo_envio, UTC_TIMESTAMP(3) - INTERVAL {ago} MICROSECOND)
             WHERE id = {instanciaId}
             """, ct);
    }

    static long Micro(TimeSpan t) => (long)(t.TotalMilliseconds * 1000);
}

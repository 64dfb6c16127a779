using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// The per-instance pacing gate, shared by every sender process through the database (its clock included).
/// A send takes a turn, <c>max(previous send + interval, now + lead)</c>, and holds it open (<c>turno_aberto</c>)
/// until it reports when its request really left; no other send on the instance may take a turn meanwhile. So a
/// sender that stalls after taking its turn (a slow commit, a GC pause, first-call costs) delays the next send
/// instead of letting it follow too closely. A turn never reported (its sender died) lapses after a lease.
/// The call starts at the turn, a fixed lead after the claim, so commit jitter stays out of the gaps Evolution sees.
/// A send may leave at most <c>maxDispatchDelay</c> after its turn (the client refuses to send later), and a turn
/// taken over from a lapsed one comes that much later still, so a stalled sender that wakes up can never go out
/// closer than the interval to the send that took its place.
/// </summary>
public static class PacingGate
{
    /// <param name="Vez">The turn, by the database clock, as stored in <c>turno_aberto</c>.</param>
    /// <param name="Local">
    /// The same turn by this process's clock: when the database's answer arrived plus how far away it said the turn
    /// was, so a commit that stalls afterwards does not move the turn along with it.
    /// </param>
    public sealed record Turno(DateTime Vez, DateTimeOffset Local);

    sealed record Estado(DateTime Vez, long EsperaMicro);

    /// <summary>
    /// Takes the instance's next turn inside the caller's transaction, if no turn is open and the next one is no
    /// further away than <paramref name="lead"/>; null when it is not yet time to ask.
    /// </summary>
    public static async Task<Turno?> TryTakeTurnAsync(EnvioMassaDbContext db, TimeProvider clock, int instanciaId, TimeSpan intervalo,
        TimeSpan lead, TimeSpan lease, TimeSpan maxDispatchDelay, CancellationToken ct)
    {
        var iv = Micro(intervalo);
        var ld = Micro(lead);
        var ls = Micro(lease);
        var md = Micro(maxDispatchDelay);
        // A turn still open here has lapsed (see WHERE): its send may yet leave up to maxDispatchDelay after it.
        var movidas = await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias
             SET ultimo_envio = GREATEST(COALESCE(ultimo_envio + INTERVAL ({iv} + IF(turno_aberto IS NULL, 0, {md})) MICROSECOND,
                                                  UTC_TIMESTAMP(3)),
                                         UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND),
                 turno_aberto = ultimo_envio
             WHERE id = {instanciaId}
               AND (turno_aberto IS NULL OR turno_aberto < UTC_TIMESTAMP(3) - INTERVAL {ls} MICROSECOND)
               AND (ultimo_envio IS NULL OR ultimo_envio + INTERVAL {iv} MICROSECOND <= UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND)
             """, ct);
        if (movidas != 1)
            return null;
        var estado = await db.Database.SqlQuery<Estado>(
                $"""
                 SELECT turno_aberto AS Vez, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), turno_aberto) AS EsperaMicro
                 FROM instancias WHERE id = {instanciaId}
                 """)
            .ToListAsync(ct);
        return new Turno(estado[0].Vez, clock.GetUtcNow() + TimeSpan.FromTicks(Math.Max(0, estado[0].EsperaMicro) * 10));
    }

    /// <summary>How long until it is worth asking for a turn again, by the database clock.</summary>
    public static async Task<TimeSpan> TimeToNextTurnAsync(EnvioMassaDbContext db, int instanciaId, TimeSpan intervalo, TimeSpan lead,
        CancellationToken ct)
    {
        var iv = Micro(intervalo);
        var ld = Micro(lead);
        var restante = await db.Database.SqlQuery<Espera>(
                $"""
                 SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3) + INTERVAL {ld} MICROSECOND, ultimo_envio + INTERVAL {iv} MICROSECOND) AS Micro,
                        turno_aberto IS NOT NULL AS Aberto
                 FROM instancias WHERE id = {instanciaId}
                 """)
            .ToListAsync(ct);
        if (restante.FirstOrDefault() is not { } espera)
            return TimeSpan.FromMilliseconds(20);
        if (espera.Micro is > 0)
            return TimeSpan.FromTicks(espera.Micro.Value * 10) + TimeSpan.FromMilliseconds(1);
        // The interval has passed but a turn is still open: it ends when its send reports back, which nothing
        // announces, so look again shortly.
        return espera.Aberto ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromMilliseconds(1);
    }

    sealed record Espera(long? Micro, bool Aberto);

    /// <summary>
    /// Closes the turn: the instance's last send is when the request really left (<paramref name="leftAgo"/> before
    /// now), or the turn itself if it never left.
    /// </summary>
    public static Task ReleaseTurnAsync(EnvioMassaDbContext db, int instanciaId, DateTime vez, TimeSpan? leftAgo, CancellationToken ct)
    {
        var ago = leftAgo is { } a ? Micro(a) : (long?)null;
        return db.Database.ExecuteSqlAsync(
            $"""
             UPDATE instancias
             SET ultimo_envio = GREATEST(ultimo_envio, COALESCE(UTC_TIMESTAMP(3) - INTERVAL {ago} MICROSECOND, ultimo_envio)),
                 turno_aberto = NULL
             WHERE id = {instanciaId} AND turno_aberto = {vez}
             """, ct);
    }

    static long Micro(TimeSpan t) => (long)(t.TotalMilliseconds * 1000);
}

using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace EnvioMassa.Api.Idempotencia;

/// <summary>What a call with an <c>Idempotency-Key</c> finds when it tries to take the key.</summary>
public abstract record Reserva
{
    /// <summary>The key is this call's until its transaction ends: run the handler.</summary>
    public sealed record Tomada : Reserva;

    /// <summary>An earlier call with this key and this request answered; replay its answer.</summary>
    public sealed record Respondida(RespostaGuardada Resposta) : Reserva;

    /// <summary>The key was used, within its validity, for another request.</summary>
    public sealed record OutraRequisicao : Reserva;

    /// <summary>Another call with this key did not finish within <see cref="IdempotenciaOptions.Espera"/>.</summary>
    public sealed record EmAndamento : Reserva;
}

/// <summary>The answer a call gave, as it is stored and replayed.</summary>
public sealed record RespostaGuardada(int Status, string? ContentType, string? Location, byte[] Corpo);

/// <summary>
/// The rows of <c>chaves_idempotencia</c>. A key is taken by inserting its row (status null) inside the call's
/// transaction: the primary key makes a concurrent duplicate wait on that insert until the first call commits (then it
/// finds the stored answer) or rolls back (then the key is its own). Keys arrive here already hashed.
/// </summary>
public sealed class RegistroDeIdempotencia(EnvioMassaDbContext db, TimeProvider relogio, IOptions<IdempotenciaOptions> options)
{
    const int Tentativas = 3;

    /// <summary>Must run inside the call's transaction, so that the key commits or rolls back with the call's effect.</summary>
    public async Task<Reserva> ReservarAsync(string chave, string requisicao, CancellationToken ct)
    {
        var agora = relogio.GetUtcNow().UtcDateTime;
        // Only the wait for the key is bounded this tightly; the handler's own statements keep the server's timeout.
        var segundos = Math.Max(1, (int)Math.Ceiling(options.Value.Espera.TotalSeconds));
        await db.Database.ExecuteSqlAsync($"SET SESSION innodb_lock_wait_timeout = {segundos}", ct);
        try
        {
            // Another round only when the row found was expired (and is now deleted) or vanished meanwhile.
            for (var tentativa = 1; tentativa <= Tentativas; tentativa++)
            {
                try
                {
                    await db.Database.ExecuteSqlAsync(
                        $"""
                         INSERT INTO chaves_idempotencia (chave, requisicao, criada_em, expira_em)
                         VALUES ({chave}, {requisicao}, {agora}, {agora + IdempotenciaOptions.Validade})
                         """, ct);
                    return new Reserva.Tomada();
                }
                catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
                {
                }

                var existente = await db.ChavesDeIdempotencia.AsNoTracking().SingleOrDefaultAsync(c => c.Chave == chave, ct);
                if (existente is null)
                    continue;
                if (existente.ExpiraEm <= agora)
                {
                    await db.Database.ExecuteSqlAsync(
                        $"DELETE FROM chaves_idempotencia WHERE chave = {chave} AND expira_em <= {agora}", ct);
                    continue;
                }
                if (existente.Requisicao != requisicao)
                    return new Reserva.OutraRequisicao();
                return existente.Status is { } status
                    ? new Reserva.Respondida(new RespostaGuardada(status, existente.ContentType, existente.Location, existente.Corpo ?? []))
                    : new Reserva.EmAndamento();
            }
            return new Reserva.EmAndamento();
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockWaitTimeout)
        {
            return new Reserva.EmAndamento();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("SET SESSION innodb_lock_wait_timeout = DEFAULT", CancellationToken.None);
        }
    }

    public async Task GuardarAsync(string chave, RespostaGuardada resposta, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE chaves_idempotencia SET status = @s, content_type = @t, location = @l, corpo = @c WHERE chave = @k",
            [
                new MySqlParameter("@s", resposta.Status),
                new MySqlParameter("@t", (object?)resposta.ContentType ?? DBNull.Value),
                new MySqlParameter("@l", (object?)resposta.Location ?? DBNull.Value),
                new MySqlParameter("@c", resposta.Corpo),
                new MySqlParameter("@k", chave),
            ], ct);

    /// <summary>Deletes up to <paramref name="lote"/> expired keys, oldest first, by the <c>expira_em</c> index.</summary>
    public async Task<int> RemoverExpiradasAsync(int lote, CancellationToken ct)
    {
        var agora = relogio.GetUtcNow().UtcDateTime;
        return await db.Database.ExecuteSqlAsync(
            $"DELETE FROM chaves_idempotencia WHERE expira_em <= {agora} ORDER BY expira_em LIMIT {lote}", ct);
    }
}

using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// The one place a phone is blocked: it enters <c>bloqueios</c>, and every row of it not yet on its way (<c>pendente</c>,
/// <c>agendado</c>) in any campaign becomes <c>bloqueado</c> — final, not a failure, counted in the campaign's
/// <c>bloqueados</c>. A row already <c>enviando</c> is past stopping. Runs inside the caller's transaction.
/// </summary>
public static class Bloqueios
{
    public const string MotivoDaLinha = "Bloqueado: o cliente pediu para não receber mais mensagens.";

    sealed record PorCampanha(int CampanhaId, int Linhas);

    /// <returns>True when the phone was not blocked before.</returns>
    public static async Task<bool> BloquearAsync(EnvioMassaDbContext db, string telefone, string? motivo, string origem, CancellationToken ct)
    {
        var novo = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT IGNORE INTO bloqueios (telefone, motivo, origem, criado_em)
             VALUES ({telefone}, {motivo}, {origem}, UTC_TIMESTAMP(3))
             """, ct) == 1;

        var porCampanha = await db.Database.SqlQuery<PorCampanha>(
                $"""
                 SELECT d.campanha_id AS CampanhaId, COUNT(*) AS Linhas
                 FROM clientes cl JOIN envios_massa_detalhes d ON d.cliente_id = cl.id
                 WHERE cl.telefone = {telefone} AND d.status IN ('pendente', 'agendado')
                 GROUP BY d.campanha_id
                 """)
            .ToListAsync(ct);
        foreach (var c in porCampanha)
        {
            // Campaign before its rows, the saga's lock order (a pause resets rows after locking the campaign).
            await db.Database.SqlQuery<int>($"SELECT id AS Value FROM campanhas_envio_massa WHERE id = {c.CampanhaId} FOR UPDATE").ToListAsync(ct);
            var movidas = await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes d JOIN clientes cl ON cl.id = d.cliente_id
                 SET d.status = 'bloqueado', d.agendado_para = NULL, d.erro_mensagem = {MotivoDaLinha}, d.contabilizado = 1
                 WHERE cl.telefone = {telefone} AND d.campanha_id = {c.CampanhaId} AND d.status IN ('pendente', 'agendado')
                 """, ct);
            if (movidas > 0)
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE campanhas_envio_massa SET bloqueados = bloqueados + {movidas} WHERE id = {c.CampanhaId}", ct);
        }
        return novo;
    }
}

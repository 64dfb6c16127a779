using System.Globalization;
using EnvioMassa.Data;
using EnvioMassa.Evolution;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// The number check of a campaign with <c>verificarNumeros</c> (Evolution's <c>/chat/whatsappNumbers</c>): a phone is
/// checked before its first send, in small batches (the phone and the next ones of the campaign not checked yet), the
/// answer is kept for <see cref="Validade"/> in <c>verificacoes_numero</c>, shared by every campaign. Bulk checks are
/// themselves a ban signal, so a check is paced like a send: it takes the number's turn in place of the send.
/// </summary>
public static class VerificacaoDeNumeros
{
    public static readonly TimeSpan Validade = TimeSpan.FromDays(7);

    /// <summary>Phones per check request.</summary>
    public const int Lote = 10;

    public sealed record Verificacao(bool ExisteNoWhatsApp, DateTime VerificadoEm);

    /// <summary>The answer still valid for the phone, or null when it must be checked.</summary>
    public static async Task<Verificacao?> LerAsync(EnvioMassaDbContext db, string telefone, DateTime agora, CancellationToken ct) =>
        (await db.Database.SqlQuery<Verificacao>(
                $"""
                 SELECT existe_no_whatsapp AS ExisteNoWhatsApp, verificado_em AS VerificadoEm FROM verificacoes_numero
                 WHERE telefone = {telefone} AND verificado_em > {agora - Validade}
                 """)
            .ToListAsync(ct)).FirstOrDefault();

    /// <summary>The phone first, then up to <see cref="Lote"/> − 1 phones of the campaign's rows still to send that have no valid answer.</summary>
    public static async Task<IReadOnlyList<string>> LoteAsync(EnvioMassaDbContext db, int campanhaId, string telefone, DateTime agora,
        CancellationToken ct)
    {
        var outros = await db.Database.SqlQuery<string>(
                $"""
                 SELECT cl.telefone AS Value FROM envios_massa_detalhes d JOIN clientes cl ON cl.id = d.cliente_id
                 WHERE d.campanha_id = {campanhaId} AND d.status IN ('pendente', 'agendado') AND cl.telefone <> {telefone}
                   AND NOT EXISTS (SELECT 1 FROM verificacoes_numero v WHERE v.telefone = cl.telefone AND v.verificado_em > {agora - Validade})
                 ORDER BY d.id LIMIT {Lote - 1}
                 """)
            .ToListAsync(ct);
        return [telefone, .. outros];
    }

    /// <summary>Stores what Evolution answered, replacing older answers.</summary>
    public static async Task GuardarAsync(EnvioMassaDbContext db, IReadOnlyList<WhatsAppNumber> respostas, DateTime agora, CancellationToken ct)
    {
        foreach (var r in respostas)
        {
            var telefone = new string(r.Number.Where(char.IsAsciiDigit).ToArray());
            if (telefone.Length == 0)
                continue;
            var jid = r.Exists ? r.Jid : null;
            await db.Database.ExecuteSqlAsync(
                $"""
                 INSERT INTO verificacoes_numero (telefone, existe_no_whatsapp, jid, verificado_em) VALUES ({telefone}, {r.Exists}, {jid}, {agora})
                 ON DUPLICATE KEY UPDATE existe_no_whatsapp = VALUES(existe_no_whatsapp), jid = VALUES(jid), verificado_em = VALUES(verificado_em)
                 """, ct);
        }
    }

    /// <summary>The row's reason when the phone is not on WhatsApp: final, never sent.</summary>
    public static string MotivoSemWhatsApp(string telefone, DateTime verificadoEm) =>
        $"O número {telefone} não tem WhatsApp (verificado pela Evolution em " +
        $"{verificadoEm.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)} UTC); a mensagem não foi enviada.";
}

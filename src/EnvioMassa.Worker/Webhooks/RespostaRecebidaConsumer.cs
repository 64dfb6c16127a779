using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.Extensions.Options;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Webhooks;

/// <summary>
/// Stores what a customer wrote to an instance (table <c>respostas</c>), once per message however often Evolution
/// posts it. Messages to an instance EnvioMassa does not know (or whose instance was deleted) are not kept.
/// </summary>
public sealed class RespostaRecebidaConsumer(
    EnvioMassaDbContext db, IOptions<OptOutOptions> optOut, ILogger<RespostaRecebidaConsumer> logger) : IConsumer<RespostaRecebida>
{
    public async Task Consume(ConsumeContext<RespostaRecebida> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        // The reply and the block it causes commit together: a redelivery after a crash finds neither done, or both.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var guardadas = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT IGNORE INTO respostas (instancia_id, message_id, remote_jid, telefone, nome, texto, tipo, enviada_em, recebida_em)
             SELECT id, {m.MessageId}, {m.RemoteJid}, {m.Telefone}, {Limitar(m.Nome, 255)}, {m.Texto}, {Limitar(m.Tipo, 50)},
                    {m.EnviadaEm}, {m.RecebidaEm}
             FROM instancias WHERE evolution_instance = {m.Instancia} AND excluida_em IS NULL
             """, ct);
        if (guardadas > 0)
            logger.LogInformation("Instância {Instancia} recebeu uma mensagem de {Telefone}", m.Instancia, m.Telefone ?? m.RemoteJid);

        // The JID may carry a Brazilian mobile without its ninth digit: normalised, it is the customer's phone as stored.
        if (guardadas > 0 && PedidoDeSaida.Eh(m.Texto, optOut.Value.PalavrasEmVigor) && m.Telefone is { } jid
            && Telefone.TryNormalizar("+" + jid, out var telefone, out _))
        {
            var motivo = Limitar($"Respondeu \"{m.Texto!.Trim()}\" pela instância {m.Instancia}", 500);
            if (await Bloqueios.BloquearAsync(db, telefone, motivo, Bloqueio.OrigemResposta, ct))
                logger.LogInformation("Telefone {Telefone} bloqueado: pediu para sair", telefone);
        }
        await tx.CommitAsync(ct);
    }

    static string? Limitar(string? texto, int maximo) => texto is null || texto.Length <= maximo ? texto : texto[..maximo];
}

using EnvioMassa.Contracts;
using EnvioMassa.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Webhooks;

/// <summary>
/// Stores what a customer wrote to an instance (table <c>respostas</c>), once per message however often Evolution
/// posts it. Messages to an instance EnvioMassa does not know (or whose instance was deleted) are not kept.
/// </summary>
public sealed class RespostaRecebidaConsumer(EnvioMassaDbContext db, ILogger<RespostaRecebidaConsumer> logger) : IConsumer<RespostaRecebida>
{
    public async Task Consume(ConsumeContext<RespostaRecebida> context)
    {
        var m = context.Message;
        var guardadas = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT IGNORE INTO respostas (instancia_id, message_id, remote_jid, telefone, nome, texto, tipo, enviada_em, recebida_em)
             SELECT id, {m.MessageId}, {m.RemoteJid}, {m.Telefone}, {Limitar(m.Nome, 255)}, {m.Texto}, {Limitar(m.Tipo, 50)},
                    {m.EnviadaEm}, {m.RecebidaEm}
             FROM instancias WHERE evolution_instance = {m.Instancia} AND excluida_em IS NULL
             """, context.CancellationToken);
        if (guardadas > 0)
            logger.LogInformation("Instância {Instancia} recebeu uma mensagem de {Telefone}", m.Instancia, m.Telefone ?? m.RemoteJid);
    }

    static string? Limitar(string? texto, int maximo) => texto is null || texto.Length <= maximo ? texto : texto[..maximo];
}

namespace EnvioMassa.Contracts;

/// <summary>
/// A customer wrote to an instance (<c>messages.upsert</c>, not <c>fromMe</c>). <paramref name="Telefone"/> is the
/// sender's phone digits when the JID carries them; <paramref name="EnviadaEm"/> is WhatsApp's own time of the message.
/// </summary>
public record RespostaRecebida(
    string Instancia, string MessageId, string RemoteJid, string? Telefone, string? Nome, string? Texto, string? Tipo,
    DateTime? EnviadaEm, DateTime RecebidaEm);

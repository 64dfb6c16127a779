namespace EnvioMassa.Evolution;

/// <param name="Number">The number as it was asked for.</param>
/// <param name="Jid">The JID Evolution would send to.</param>
public sealed record WhatsAppNumber(string Number, string Jid, bool Exists, string? Name);

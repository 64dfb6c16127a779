namespace EnvioMassa.Data.Entities;

/// <summary>
/// A message a customer sent to one of the instances (Evolution's <c>messages.upsert</c>, not <c>fromMe</c>): a reply
/// to a campaign, an opt-out word, anything. Kept so that an operator can read it and the opt-out can act on it.
/// </summary>
public class Resposta
{
    public long Id { get; set; }
    public int InstanciaId { get; set; }

    /// <summary>Evolution's <c>key.id</c>: with the instance it identifies the message, so a retried webhook stores it once.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The sender's JID as Evolution gave it (<c>5511999990001@s.whatsapp.net</c>, or an <c>@lid</c>).</summary>
    public string RemoteJid { get; set; } = "";

    /// <summary>Digits of the sender's phone number, when the JID (or its alternative) carries one.</summary>
    public string? Telefone { get; set; }

    public string? Nome { get; set; }

    /// <summary>The text, or the caption of a media message; null when the message had none (a sticker, a location).</summary>
    public string? Texto { get; set; }

    public string? Tipo { get; set; }

    /// <summary>When WhatsApp says it was sent (<c>messageTimestamp</c>, real Unix time).</summary>
    public DateTime? EnviadaEm { get; set; }

    /// <summary>When EnvioMassa received the webhook (its own clock).</summary>
    public DateTime RecebidaEm { get; set; }

    public DateTime CreatedAt { get; set; }

    public Instancia? Instancia { get; set; }
}

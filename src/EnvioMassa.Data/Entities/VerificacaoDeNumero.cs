namespace EnvioMassa.Data.Entities;

/// <summary>What Evolution's <c>/chat/whatsappNumbers</c> said of a phone, cached (<c>verificacoes_numero</c>).</summary>
public class VerificacaoDeNumero
{
    /// <summary>E.164 digits, as <see cref="Cliente.Telefone"/>.</summary>
    public string Telefone { get; set; } = "";

    public bool ExisteNoWhatsApp { get; set; }

    /// <summary>The JID WhatsApp answered with, when it exists.</summary>
    public string? Jid { get; set; }

    public DateTime VerificadoEm { get; set; }
}

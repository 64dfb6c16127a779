namespace EnvioMassa.Contracts;

/// <summary>Evolution accepted the send of a detail row (its <paramref name="MessageId"/> is Evolution's key.id).</summary>
public record MensagemEnviada(int CampanhaId, int EnvioId, string MessageId, DateTime DataEnvio);

namespace EnvioMassa.Contracts;

/// <summary>Answer to a campaign command the current state does not allow (the API answers 409 with the reason).</summary>
public record TransicaoRecusada(int CampanhaId, string StatusAtual, string Motivo);

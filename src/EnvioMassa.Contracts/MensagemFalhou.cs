namespace EnvioMassa.Contracts;

/// <summary>
/// A send failed. <paramref name="Final"/> is true when the row ended in <c>erro</c> (or <c>incerto</c>); false when it
/// went back to <c>pendente</c> to be retried later.
/// </summary>
public record MensagemFalhou(int CampanhaId, int EnvioId, string Motivo, bool Final, int Tentativas);

namespace EnvioMassa.Contracts;

/// <summary>
/// Command to send one detail row. It only asks for the work: the sender acts only while the row is still
/// <c>agendado</c> for exactly this <paramref name="AgendadoPara"/> slot, so a stale or repeated message does nothing.
/// </summary>
public record EnviarMensagem(int CampanhaId, int EnvioId, int InstanciaId, int Tentativa, DateTime AgendadoPara);

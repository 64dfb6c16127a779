namespace EnvioMassa.Contracts;

/// <summary>
/// Pause a sending campaign. <paramref name="PelaInstancia"/> says the instance (the WhatsApp number) is not connected,
/// which is the one pause an automatic resume may undo; messages from before it existed read as false.
/// </summary>
public record PausarCampanha(Guid CorrelationId, int CampanhaId, string? Motivo, bool PelaInstancia = false);

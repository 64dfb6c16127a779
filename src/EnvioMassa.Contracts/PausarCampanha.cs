namespace EnvioMassa.Contracts;

public record PausarCampanha(Guid CorrelationId, int CampanhaId, string? Motivo);

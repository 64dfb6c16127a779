namespace EnvioMassa.Contracts;

public record CampanhaPausada(Guid CorrelationId, int CampanhaId, string? Motivo);

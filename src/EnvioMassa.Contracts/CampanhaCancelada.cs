namespace EnvioMassa.Contracts;

public record CampanhaCancelada(Guid CorrelationId, int CampanhaId);

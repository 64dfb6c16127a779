namespace EnvioMassa.Contracts;

public record CancelarCampanha(Guid CorrelationId, int CampanhaId);

namespace EnvioMassa.Contracts;

public record CampanhaIniciada(Guid CorrelationId, int CampanhaId, DateTime DataInicio);

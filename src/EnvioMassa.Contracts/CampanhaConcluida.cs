namespace EnvioMassa.Contracts;

public record CampanhaConcluida(Guid CorrelationId, int CampanhaId, DateTime DataConclusao);

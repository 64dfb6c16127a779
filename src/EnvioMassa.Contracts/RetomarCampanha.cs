namespace EnvioMassa.Contracts;

public record RetomarCampanha(Guid CorrelationId, int CampanhaId);

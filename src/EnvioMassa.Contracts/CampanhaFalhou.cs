namespace EnvioMassa.Contracts;

/// <summary>The campaign cannot go on for a reason no retry will fix (e.g. its template or instance was removed).</summary>
public record CampanhaFalhou(Guid CorrelationId, int CampanhaId, string Motivo);

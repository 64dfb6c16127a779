namespace EnvioMassa.Contracts;

/// <summary>Every detail row of the campaign is in a final state; the saga concludes it.</summary>
public record CampanhaSemPendentes(Guid CorrelationId, int CampanhaId);

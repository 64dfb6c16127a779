namespace EnvioMassa.Contracts;

/// <summary>Start a campaign now, or at <paramref name="AgendarPara"/> (UTC) when given.</summary>
public record IniciarCampanha(Guid CorrelationId, int CampanhaId, DateTime? AgendarPara);

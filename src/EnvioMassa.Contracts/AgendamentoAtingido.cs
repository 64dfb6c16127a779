namespace EnvioMassa.Contracts;

/// <summary>The time an <c>agendada</c> campaign was scheduled for has come (published by the scheduler's clock).</summary>
public record AgendamentoAtingido(Guid CorrelationId, int CampanhaId);

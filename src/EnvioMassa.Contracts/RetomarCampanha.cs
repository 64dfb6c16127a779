namespace EnvioMassa.Contracts;

/// <summary>
/// Resume a paused campaign. <paramref name="Automatica"/> comes from the instance being found <c>open</c> again, not
/// from the operator: the saga applies it only while the campaign is still paused because of its instance, and
/// otherwise drops it without an answer (nobody waits for one). Messages from before it existed read as false.
/// </summary>
public record RetomarCampanha(Guid CorrelationId, int CampanhaId, bool Automatica = false);

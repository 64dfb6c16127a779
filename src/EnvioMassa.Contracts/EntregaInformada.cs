namespace EnvioMassa.Contracts;

/// <summary>
/// Evolution said what became of a sent message (<c>messages.update</c>): <paramref name="Entrega"/> is the status in
/// EnvioMassa's words (<c>servidor</c>, <c>entregue</c>, <c>lida</c>, <c>reproduzida</c>, <c>falhou</c>), for the row whose
/// <c>message_id</c> is <paramref name="MessageId"/>. <paramref name="RecebidaEm"/> is when the webhook arrived (our clock).
/// </summary>
public record EntregaInformada(string Instancia, string MessageId, string Entrega, DateTime RecebidaEm);

namespace EnvioMassa.Data.Entities;

/// <summary>
/// What WhatsApp said became of a sent message (<c>envios_massa_detalhes.entrega</c>), from Evolution's
/// <c>messages.update</c>: servidor → entregue → lida → reproduzida, or falhou. A status only ever rises
/// (<see cref="Ordem"/>): updates arrive late, twice, out of order or skip states, and a later READ already says
/// the message was delivered. <c>falhou</c> ranks above <c>servidor</c> but below <c>entregue</c>: an ERROR after
/// delivery changes nothing, a DELIVERY_ACK after an ERROR means it did arrive.
/// </summary>
public static class StatusEntrega
{
    public const string Servidor = "servidor";
    public const string Falhou = "falhou";
    public const string Entregue = "entregue";
    public const string Lida = "lida";
    public const string Reproduzida = "reproduzida";

    public static readonly IReadOnlyList<string> Todos = [Servidor, Falhou, Entregue, Lida, Reproduzida];

    /// <summary>The rank of a status (0 for none): a row moves only to a higher one.</summary>
    public static int Ordem(string? entrega) => entrega is null ? 0 : IndexOf(entrega) + 1;

    /// <summary>True when the status says the message reached the phone (read and played imply delivered).</summary>
    public static bool ContaComoEntregue(string? entrega) => Ordem(entrega) >= Ordem(Entregue);

    public static bool ContaComoLida(string? entrega) => Ordem(entrega) >= Ordem(Lida);

    /// <summary>
    /// Evolution's status (Baileys' names, or their numbers 0–5) in our words; null for the ones that say nothing
    /// about delivery (<c>PENDING</c>, which every send starts as, and <c>DELETED</c>) or are unknown.
    /// </summary>
    public static string? DaEvolution(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "SERVER_ACK" or "2" => Servidor,
        "DELIVERY_ACK" or "3" => Entregue,
        "READ" or "4" => Lida,
        "PLAYED" or "5" => Reproduzida,
        "ERROR" or "0" => Falhou,
        _ => null,
    };

    static int IndexOf(string entrega)
    {
        for (var i = 0; i < Todos.Count; i++)
        {
            if (Todos[i] == entrega)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(entrega), entrega, "Status de entrega desconhecido.");
    }
}

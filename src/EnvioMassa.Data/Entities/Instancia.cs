namespace EnvioMassa.Data.Entities;

/// <summary>A WhatsApp number connected to Evolution API. Sends on one instance are paced, whatever the campaign.</summary>
public class Instancia
{
    public int Id { get; set; }
    public string Nome { get; set; } = "";

    /// <summary>The instance name in Evolution (the <c>{instance}</c> of its routes). Unique.</summary>
    public string EvolutionInstance { get; set; } = "";

    /// <summary>The instance's own Evolution token, if any; never logged nor returned by the API.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>open</c>, <c>connecting</c>, <c>close</c> or <c>desconhecido</c>, as last seen.</summary>
    public string Estado { get; set; } = EstadoInstancia.Desconhecido;
    /// <summary>When EnvioMassa last learned the state (its own clock: the poll's time, or a webhook's receipt).</summary>
    public DateTime? EstadoAtualizadoEm { get; set; }

    /// <summary>
    /// The <c>date_time</c> of the last <c>connection.update</c> applied, as Evolution wrote it. Evolution's clock, not
    /// ours (its local time labelled Z): compared only with the instance's next events, never with our clock.
    /// </summary>
    public DateTime? EstadoEventoEm { get; set; }

    /// <summary>The last slot the scheduler gave a send on this instance; slots only ever rise.</summary>
    public DateTime? UltimoSlot { get; set; }

    /// <summary>When the last send on this instance left, or the turn of the send now in progress (database clock).</summary>
    public DateTime? UltimoEnvio { get; set; }

    /// <summary>The turn a sender holds and has not yet reported; no other send on the instance starts meanwhile.</summary>
    public DateTime? TurnoAberto { get; set; }

    /// <summary>
    /// Set when the operator deleted the instance. The row stays for the campaigns that used it (their history names
    /// it); a deleted instance is never listed, polled, scheduled nor matched by a webhook, and its Evolution name can
    /// be registered again.
    /// </summary>
    public DateTime? ExcluidaEm { get; set; }

    /// <summary>Accepted sends a day (the number's time zone), across every campaign; null = no cap.</summary>
    public int? LimiteDiario { get; set; }

    /// <summary>Accepted sends in a clock hour, across every campaign; null = no cap.</summary>
    public int? LimitePorHora { get; set; }

    /// <summary>Warm-up: the daily cap grows with the number's age (<see cref="ConectadaDesde"/>).</summary>
    public bool Aquecimento { get; set; }

    /// <summary>Since when the number is on WhatsApp (its age for the warm-up).</summary>
    public DateOnly? ConectadaDesde { get; set; }

    /// <summary>Slots handed out since the number's last long pause (the scheduler's count).</summary>
    public int EnviosDesdePausa { get; set; }

    /// <summary>The campaign that got the number's last slot: the next slot goes to the campaign after it (fair turns).</summary>
    public int? UltimaCampanhaId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

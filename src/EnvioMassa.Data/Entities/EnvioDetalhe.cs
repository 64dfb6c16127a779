namespace EnvioMassa.Data.Entities;

/// <summary>One recipient of one campaign (<c>envios_massa_detalhes</c>). The row is the source of truth for the send.</summary>
public class EnvioDetalhe
{
    public int Id { get; set; }
    public int CampanhaId { get; set; }
    public int ClienteId { get; set; }

    /// <summary>The number this row was given to (set when scheduled); with rotation, which one sent it.</summary>
    public int? InstanciaId { get; set; }

    /// <summary>The template (variation) chosen for this row, set when scheduled.</summary>
    public int? TemplateId { get; set; }
    public string Status { get; set; } = StatusEnvio.Pendente;

    /// <summary>How many calls to Evolution were made for this row.</summary>
    public int Tentativas { get; set; }

    /// <summary>Calls that failed because the instance was down; they do not count against the row's attempts.</summary>
    public int FalhasInstancia { get; set; }

    public string? MessageId { get; set; }
    public string? MensagemEnviada { get; set; }
    public string? ErroMensagem { get; set; }
    /// <summary>
    /// When the send ended: accepted, or failed for good (<c>incerto</c>: when the call began). Failures are dated too,
    /// so the pace per minute and the latest errors the dashboard shows are in time order.
    /// </summary>
    public DateTime? DataEnvio { get; set; }

    /// <summary>What WhatsApp said of the message since (<see cref="StatusEntrega"/>), null until the first update.</summary>
    public string? Entrega { get; set; }

    /// <summary>When the first update saying it was delivered (or read, which implies it) arrived.</summary>
    public DateTime? EntregueEm { get; set; }

    public DateTime? LidaEm { get; set; }

    /// <summary>The slot this row's <c>EnviarMensagem</c> is due at; identifies the live message for the row.</summary>
    public DateTime? AgendadoPara { get; set; }

    /// <summary>Not to be scheduled before this time (backoff after a transient failure).</summary>
    public DateTime? ProximaTentativa { get; set; }

    /// <summary>When a sender claimed the row; a claim older than the lease is resolved by the sweep.</summary>
    public DateTime? EnviandoDesde { get; set; }

    /// <summary>Set once, when the campaign counters took this row's final state into account.</summary>
    public bool Contabilizado { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Campanha? Campanha { get; set; }
    public Cliente? Cliente { get; set; }
}

namespace EnvioMassa.Data.Entities;

/// <summary>A campaign: one template sent to many customers from one instance, paced by <see cref="IntervaloSegundos"/>.</summary>
public class Campanha
{
    public int Id { get; set; }
    public string Nome { get; set; } = "";
    public string Status { get; set; } = StatusCampanha.Rascunho;
    public int TemplateId { get; set; }
    public int InstanciaId { get; set; }
    public int IntervaloSegundos { get; set; } = 10;
    public int TotalClientes { get; set; }
    public int Enviados { get; set; }
    public int Sucessos { get; set; }
    public int Falhas { get; set; }

    /// <summary>Rows whose message reached the phone (<see cref="StatusEntrega.ContaComoEntregue"/>); moved with the row.</summary>
    public int Entregues { get; set; }

    /// <summary>Rows whose message was read (<see cref="StatusEntrega.ContaComoLida"/>); moved with the row.</summary>
    public int Lidas { get; set; }
    public DateTime? DataInicio { get; set; }
    public DateTime? DataConclusao { get; set; }
    public DateTime? AgendarPara { get; set; }
    public string? MotivoPausa { get; set; }

    /// <summary>Set while the campaign is <c>pausada</c> because its instance was not connected (not by the operator).</summary>
    public bool PausadaPelaInstancia { get; set; }

    /// <summary>Resume by itself once its instance is <c>open</c> again, when <see cref="PausadaPelaInstancia"/>.</summary>
    public bool RetomarAutomaticamente { get; set; }

    /// <summary>The campaign this one was created from by <c>reenviar</c> (its failed rows), or null.</summary>
    public int? OrigemId { get; set; }

    /// <summary>Optimistic-concurrency version of the saga state kept in this row.</summary>
    public int Versao { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Template? Template { get; set; }
    public Instancia? Instancia { get; set; }
}

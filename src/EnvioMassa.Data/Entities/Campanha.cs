using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Data.Entities;

/// <summary>A campaign: one template sent to many customers from one instance, paced by <see cref="IntervaloSegundos"/>.</summary>
public class Campanha
{
    public int Id { get; set; }
    public string Nome { get; set; } = "";
    public string Status { get; set; } = StatusCampanha.Rascunho;
    public int TemplateId { get; set; }
    public int InstanciaId { get; set; }
    /// <summary>
    /// The shortest gap between two sends of one number (the seed's fixed interval). With <see cref="IntervaloMaxSegundos"/>
    /// above it, every gap is drawn at random in [min, max].
    /// </summary>
    public int IntervaloSegundos { get; set; } = 10;

    /// <summary>The longest random gap; null for a fixed interval of <see cref="IntervaloSegundos"/>.</summary>
    public int? IntervaloMaxSegundos { get; set; }

    /// <summary>After every <c>PausaLongaACada</c> sends of a number, the next gap is <c>PausaLongaSegundos</c> instead.</summary>
    public int? PausaLongaACada { get; set; }

    public int? PausaLongaSegundos { get; set; }

    /// <summary>Days the campaign may send, e.g. <c>seg,ter,qua,qui,sex</c>; null = every day (and no window).</summary>
    public string? JanelaDias { get; set; }

    public TimeOnly? JanelaInicio { get; set; }

    public TimeOnly? JanelaFim { get; set; }

    /// <summary>IANA time zone of the window, e.g. <c>America/Sao_Paulo</c>.</summary>
    public string? JanelaFuso { get; set; }

    /// <summary><c>alternada</c> or <c>menos-usada</c>: how recipients spread over <see cref="Instancias"/>.</summary>
    public string Rotacao { get; set; } = ConfiguracaoDeCampanha.RotacaoAlternada;

    /// <summary><c>aleatoria</c> or <c>alternada</c>: how each recipient's template is chosen among <see cref="Templates"/>.</summary>
    public string Variacao { get; set; } = ConfiguracaoDeCampanha.VariacaoAleatoria;

    /// <summary>Show "typing…" (Evolution's <c>delay</c>) for part of each gap, inside it.</summary>
    public bool Digitando { get; set; }

    /// <summary>Check each phone with <c>/chat/whatsappNumbers</c> (cached) before sending to it.</summary>
    public bool VerificarNumeros { get; set; }

    /// <summary><c>image</c>, <c>document</c>, <c>video</c> or <c>audio</c>: sent with <c>sendMedia</c>, the text as caption.</summary>
    public string? MidiaTipo { get; set; }

    public string? MidiaUrl { get; set; }

    public string? MidiaNomeArquivo { get; set; }

    /// <summary>While <c>enviando</c>: why nothing is being sent right now (window closed, a cap reached, no number connected).</summary>
    public string? MotivoEspera { get; set; }

    /// <summary>Rows that ended <c>bloqueado</c> (the customer opted out): final, not failures.</summary>
    public int Bloqueados { get; set; }
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

    /// <summary>Every number of the campaign in order, the first being <see cref="InstanciaId"/>.</summary>
    public List<CampanhaInstancia> Instancias { get; set; } = [];

    /// <summary>Every template (variation) of the campaign in order, the first being <see cref="TemplateId"/>.</summary>
    public List<CampanhaTemplate> Templates { get; set; } = [];
}

/// <summary>A number a campaign sends through (<c>campanha_instancias</c>).</summary>
public class CampanhaInstancia
{
    public int CampanhaId { get; set; }
    public int InstanciaId { get; set; }
    public int Ordem { get; set; }
    public Instancia? Instancia { get; set; }
}

/// <summary>A template (variation) of a campaign (<c>campanha_templates</c>).</summary>
public class CampanhaTemplate
{
    public int CampanhaId { get; set; }
    public int TemplateId { get; set; }
    public int Ordem { get; set; }
    public Template? Template { get; set; }
}

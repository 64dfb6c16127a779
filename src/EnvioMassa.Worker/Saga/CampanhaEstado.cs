using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using MassTransit;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// The campaign saga's state: the saga columns of the campaign's <c>campanhas_envio_massa</c> row, which is the saga
/// instance (see docs/adr/0003-saga-persistence.md). The API creates the row in <c>rascunho</c>; the saga never creates one.
/// </summary>
public class CampanhaEstado : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    /// <summary>The machine's state name (<c>Pausada</c>); the row stores it as its status (<c>pausada</c>).</summary>
    public string CurrentState { get; set; } = null!;

    /// <summary>The row's <c>versao</c>: one more per accepted transition.</summary>
    public int Version { get; set; }

    public DateTime? DataInicio { get; set; }
    public DateTime? DataConclusao { get; set; }
    public DateTime? AgendarPara { get; set; }
    public string? MotivoPausa { get; set; }

    /// <summary>
    /// True while <c>pausada</c> because the instance was not connected: only such a pause may be undone by an
    /// automatic resume. An operator's pause, a failure burst and every way out of <c>pausada</c> clear it.
    /// </summary>
    public bool PausadaPelaInstancia { get; set; }

    public int CampanhaId => CampanhaCorrelation.ParaCampanhaId(CorrelationId);

    /// <summary>The status column value of the current state (<see cref="StatusCampanha"/>).</summary>
    public string Status => ParaStatus(CurrentState);

    /// <summary>State names are the statuses with a capital initial, so the mapping is one rule both ways.</summary>
    public static string ParaEstado(string status) =>
        StatusCampanha.Todos.Contains(status)
            ? char.ToUpperInvariant(status[0]) + status[1..]
            : throw new ArgumentException($"'{status}' não é um status de campanha.", nameof(status));

    public static string ParaStatus(string estado) =>
        estado.ToLowerInvariant() is var status && StatusCampanha.Todos.Contains(status)
            ? status
            : throw new ArgumentException($"'{estado}' não é um estado da saga de campanha.", nameof(estado));
}

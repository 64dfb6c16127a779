namespace EnvioMassa.Worker.Saga;

/// <summary>
/// What the saga does to a campaign's detail rows. Implementations run inside the saga's transaction, after the
/// campaign row was locked, so a state change and its row changes commit together or not at all.
/// </summary>
public interface IEnviosCampanha
{
    /// <summary>Rows <c>agendado</c> go back to <c>pendente</c> (their delayed messages become stale); returns how many.</summary>
    Task<int> DevolverAgendadosAsync(int campanhaId, CancellationToken cancellationToken);

    /// <summary>Rows <c>pendente</c> or <c>agendado</c> become <c>cancelado</c>; returns how many.</summary>
    Task<int> CancelarNaoEnviadosAsync(int campanhaId, CancellationToken cancellationToken);

    /// <summary>True when no row of the campaign is outside the final statuses.</summary>
    Task<bool> TodosFinaisAsync(int campanhaId, CancellationToken cancellationToken);
}

using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// <see cref="IEnviosCampanha"/> on the scoped <see cref="EnvioMassaDbContext"/>, whose transaction the saga repository
/// opened and whose campaign row it already holds <c>FOR UPDATE</c>.
/// </summary>
public sealed class EnviosCampanha(EnvioMassaDbContext db) : IEnviosCampanha
{
    public Task<int> DevolverAgendadosAsync(int campanhaId, CancellationToken cancellationToken)
    {
        ExigirTransacao();
        return db.Envios
            .Where(e => e.CampanhaId == campanhaId && e.Status == StatusEnvio.Agendado)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, StatusEnvio.Pendente)
                .SetProperty(e => e.AgendadoPara, (DateTime?)null), cancellationToken);
    }

    public Task<int> CancelarNaoEnviadosAsync(int campanhaId, CancellationToken cancellationToken)
    {
        ExigirTransacao();
        return db.Envios
            .Where(e => e.CampanhaId == campanhaId && (e.Status == StatusEnvio.Pendente || e.Status == StatusEnvio.Agendado))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, StatusEnvio.Cancelado), cancellationToken);
    }

    public async Task<bool> TodosFinaisAsync(int campanhaId, CancellationToken cancellationToken)
    {
        ExigirTransacao();
        return !await db.Envios
            .AnyAsync(e => e.CampanhaId == campanhaId && !StatusEnvio.Finais.Contains(e.Status), cancellationToken);
    }

    // Outside the saga's transaction these changes could commit without the state change that justifies them.
    void ExigirTransacao()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Os envios da campanha só mudam dentro da transação da saga.");
    }
}

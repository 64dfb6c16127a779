using EnvioMassa.Data;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// Runs each message for a campaign inside one database transaction on the scoped <see cref="EnvioMassaDbContext"/>:
/// the row is locked and loaded, the machine and its activities run (on the same context and transaction), the saga
/// columns are written with a version check, and everything commits together. Resolved per message scope by MassTransit's
/// dependency-injection repository.
/// </summary>
public sealed class CampanhaSagaRepositoryContextFactory(
    EnvioMassaDbContext db,
    ISagaConsumeContextFactory<EnvioMassaDbContext, CampanhaEstado> consumeContextFactory,
    ILogger<CampanhaSagaRepositoryContextFactory> logger)
    : ISagaRepositoryContextFactory<CampanhaEstado>
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<CampanhaEstado, T>> next) where T : class
    {
        // Disposed without commit on any exception: the row, the detail rows and the version stay as they were.
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);

        var repositoryContext = new CampanhaSagaRepositoryContext<T>(db, context, consumeContextFactory, logger);
        await next.Send(repositoryContext);

        await transaction.CommitAsync(context.CancellationToken);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<CampanhaEstado> query,
        IPipe<SagaRepositoryQueryContext<CampanhaEstado, T>> next) where T : class =>
        throw new NotSupportedException("A saga de campanha só correlaciona pelo id da campanha.");

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "entity-framework");
        context.Add("table", "campanhas_envio_massa");
    }
}

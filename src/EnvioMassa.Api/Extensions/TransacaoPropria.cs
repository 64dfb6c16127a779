using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EnvioMassa.Api.Extensions;

/// <summary>
/// A handler's transaction, or the one its request already runs in: an idempotent call's key and its effect commit
/// together in the middleware's transaction (ADR 0006), so a handler joins it instead of opening its own (EF refuses
/// a second). Committing a joined transaction is left to its owner.
/// </summary>
public sealed class TransacaoPropria : IAsyncDisposable
{
    readonly IDbContextTransaction? _propria;

    TransacaoPropria(IDbContextTransaction? propria) => _propria = propria;

    public static async Task<TransacaoPropria> AbrirAsync(DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => _propria?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _propria?.DisposeAsync() ?? ValueTask.CompletedTask;
}

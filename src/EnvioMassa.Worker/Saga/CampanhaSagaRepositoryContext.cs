using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// One message's view of the campaign row, inside the transaction <see cref="CampanhaSagaRepositoryContextFactory"/> opened.
/// Only <see cref="Load"/> and <see cref="Update"/> are meaningful: the API creates campaigns and nothing deletes them.
/// </summary>
sealed class CampanhaSagaRepositoryContext<TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<CampanhaEstado, TMessage>
    where TMessage : class
{
    readonly EnvioMassaDbContext _db;
    readonly ConsumeContext<TMessage> _consumeContext;
    readonly ISagaConsumeContextFactory<EnvioMassaDbContext, CampanhaEstado> _factory;
    readonly ILogger _logger;
    ColunasSaga? _lidas;

    public CampanhaSagaRepositoryContext(EnvioMassaDbContext db, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<EnvioMassaDbContext, CampanhaEstado> factory, ILogger logger)
        : base(consumeContext)
    {
        _db = db;
        _consumeContext = consumeContext;
        _factory = factory;
        _logger = logger;
    }

    public async Task<SagaConsumeContext<CampanhaEstado, TMessage>?> Load(Guid correlationId)
    {
        var id = CampanhaCorrelation.ParaCampanhaId(correlationId);

        // FOR UPDATE first, before any statement on detail rows: the scheduler and the senders lock the campaign row in
        // share mode before touching its detail rows, so both sides take locks in the same order and cannot deadlock.
        var linhas = await _db.Campanhas
            .FromSql($"SELECT * FROM campanhas_envio_massa WHERE id = {id} FOR UPDATE")
            .AsNoTracking()
            .ToListAsync(CancellationToken);
        if (linhas is not [var campanha])
            return null;

        var instancia = new CampanhaEstado
        {
            CorrelationId = correlationId,
            CurrentState = CampanhaEstado.ParaEstado(campanha.Status),
            Version = campanha.Versao,
            DataInicio = campanha.DataInicio,
            DataConclusao = campanha.DataConclusao,
            AgendarPara = campanha.AgendarPara,
            MotivoPausa = campanha.MotivoPausa,
            PausadaPelaInstancia = campanha.PausadaPelaInstancia,
        };
        _lidas = ColunasSaga.De(instancia);
        return await _factory.CreateSagaConsumeContext(_db, _consumeContext, instancia, SagaConsumeContextMode.Load);
    }

    public async Task Update(SagaConsumeContext<CampanhaEstado> context)
    {
        var instancia = context.Saga;
        var colunas = ColunasSaga.De(instancia);
        if (_lidas is null)
            throw new InvalidOperationException($"A campanha {instancia.CampanhaId} não foi carregada nesta transação.");

        // Refusals and stale events change nothing: the row and its version stay untouched.
        if (colunas == _lidas)
            return;

        var id = instancia.CampanhaId;
        var versaoLida = instancia.Version;

        // Only the saga's columns: the counters consumer updates the same row concurrently.
        var alteradas = await _db.Campanhas
            .Where(c => c.Id == id && c.Versao == versaoLida)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, colunas.Status)
                .SetProperty(c => c.Versao, c => c.Versao + 1)
                .SetProperty(c => c.DataInicio, colunas.DataInicio)
                .SetProperty(c => c.DataConclusao, colunas.DataConclusao)
                .SetProperty(c => c.AgendarPara, colunas.AgendarPara)
                .SetProperty(c => c.MotivoPausa, colunas.MotivoPausa)
                .SetProperty(c => c.PausadaPelaInstancia, colunas.PausadaPelaInstancia), CancellationToken);
        if (alteradas != 1)
            throw new ConcurrencyException($"A campanha {id} mudou desde que foi lida (versão {versaoLida}).",
                typeof(CampanhaEstado), instancia.CorrelationId);

        _logger.LogInformation("Campanha {CampanhaId}: {StatusAnterior} → {Status} (versão {Versao})",
            id, _lidas.Status, colunas.Status, versaoLida + 1);
        instancia.Version = versaoLida + 1;
        _lidas = colunas;
    }

    public Task<SagaConsumeContext<CampanhaEstado, TMessage>> Add(CampanhaEstado instance) => throw NaoCria();

    public Task<SagaConsumeContext<CampanhaEstado, TMessage>> Insert(CampanhaEstado instance) => throw NaoCria();

    public Task Save(SagaConsumeContext<CampanhaEstado> context) => throw NaoCria();

    public Task Delete(SagaConsumeContext<CampanhaEstado> context) =>
        throw new NotSupportedException("Campanhas não são apagadas pela saga; concluida, cancelada e erro são estados finais.");

    public Task Discard(SagaConsumeContext<CampanhaEstado> context) => Task.CompletedTask;

    // The transaction is rolled back when the message faults, which undoes everything this context did.
    public Task Undo(SagaConsumeContext<CampanhaEstado> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<CampanhaEstado, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> context,
        CampanhaEstado instance, SagaConsumeContextMode mode) where T : class =>
        _factory.CreateSagaConsumeContext(_db, context, instance, mode);

    static NotSupportedException NaoCria() =>
        new("Campanhas são criadas pela API como linhas em rascunho; a saga nunca cria uma.");

    sealed record ColunasSaga(string Status, DateTime? DataInicio, DateTime? DataConclusao, DateTime? AgendarPara, string? MotivoPausa,
        bool PausadaPelaInstancia)
    {
        public static ColunasSaga De(CampanhaEstado e) =>
            new(e.Status, e.DataInicio, e.DataConclusao, e.AgendarPara, e.MotivoPausa, e.PausadaPelaInstancia);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using static EnvioMassa.Contracts.CampanhaCorrelation;
using static EnvioMassa.IntegrationTests.Saga.CampanhaSagaFixture;

namespace EnvioMassa.IntegrationTests.Saga;

public class When_a_sender_holds_the_campaign_row(CampanhaSagaFixture saga) : IClassFixture<CampanhaSagaFixture>
{
    [Fact]
    public async Task Should_wait_for_it_before_touching_any_detail_row()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Agendado, StatusEnvio.Agendado);
        var envios = await saga.LerEnviosAsync(id);

        // What a sender does: share-lock the campaign row, then claim one of its rows, in one transaction.
        await using var remetente = saga.NovoDbContext();
        await using var transacao = await remetente.Database.BeginTransactionAsync();
        await remetente.Database.ExecuteSqlAsync($"SELECT id FROM campanhas_envio_massa WHERE id = {id} LOCK IN SHARE MODE");

        var pausa = saga.PedirAsync(new PausarCampanha(ParaGuid(id), id, null));
        await EventualmenteAsync(SagaEsperaBloqueioAsync, "a saga esperar pelo bloqueio da campanha");

        // Had the saga touched detail rows before locking the campaign, this would wait for it: a deadlock.
        var reivindicado = await remetente.Envios
            .Where(e => e.Id == envios[0].Id && e.Status == StatusEnvio.Agendado)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, StatusEnvio.Enviando));
        Assert.Equal(1, reivindicado);
        await transacao.CommitAsync();

        Assert.True((await pausa).Is(out Response<TransicaoAceita>? _));
        Assert.Equal([StatusEnvio.Enviando, StatusEnvio.Pendente], (await saga.LerEnviosAsync(id)).Select(e => e.Status));
    }

    // The saga's connection is in the server's process list on its FOR UPDATE for as long as it waits for the lock.
    async Task<bool> SagaEsperaBloqueioAsync()
    {
        await using var db = saga.NovoDbContext();
        var esperando = await db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS Value FROM information_schema.PROCESSLIST
            WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE '%campanhas_envio_massa%FOR UPDATE%'
            """).SingleAsync();
        return esperando > 0;
    }
}

public class When_the_saga_transaction_cannot_commit(CampanhaSagaFixture saga) : IClassFixture<CampanhaSagaFixture>
{
    [Fact]
    public async Task Should_leave_the_row_and_its_detail_rows_as_they_were_and_publish_nothing()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Pendente, StatusEnvio.Agendado);
        var canceladas = new List<CampanhaCancelada>();
        var recebida = saga.Cliente.ConnectReceiveEndpoint(e => e.Handler<CampanhaCancelada>(context =>
        {
            lock (canceladas)
                canceladas.Add(context.Message);
            return Task.CompletedTask;
        }));
        await recebida.Ready;

        // The campaign UPDATE fails after the cancel activity already changed the detail rows in the same transaction.
        await saga.ExecutarSqlAsync($"""
            CREATE TRIGGER impede_cancelamento BEFORE UPDATE ON campanhas_envio_massa FOR EACH ROW
            IF NEW.status = 'cancelada' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'cancelamento impedido pelo teste'; END IF
            """);
        var falha = await Assert.ThrowsAsync<RequestFaultException>(() => saga.PedirAsync(new CancelarCampanha(ParaGuid(id), id)));

        Assert.Contains("cancelamento impedido pelo teste", falha.Message + string.Join(" ", falha.Fault?.Exceptions.Select(e => e.Message) ?? []));
        Assert.Equal(StatusCampanha.Enviando, (await saga.LerCampanhaAsync(id)).Status);
        Assert.Equal([StatusEnvio.Pendente, StatusEnvio.Agendado], (await saga.LerEnviosAsync(id)).Select(e => e.Status));

        await saga.ExecutarSqlAsync($"DROP TRIGGER impede_cancelamento");
        await saga.AceitaAsync(new CancelarCampanha(ParaGuid(id), id));
        await EventualmenteAsync(() => Task.FromResult(canceladas.Count > 0), "CampanhaCancelada chegar");

        // The failed attempts' CampanhaCancelada never left the outbox: only the committed one arrived.
        lock (canceladas)
            Assert.Equal([new CampanhaCancelada(ParaGuid(id), id)], canceladas);
    }
}

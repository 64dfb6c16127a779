using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using static EnvioMassa.Contracts.CampanhaCorrelation;

namespace EnvioMassa.IntegrationTests.Saga;

public class When_the_worker_restarts(CampanhaSagaFixture saga) : IClassFixture<CampanhaSagaFixture>
{
    [Fact]
    public async Task Should_go_on_from_the_state_stored_in_the_row()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Rascunho, StatusEnvio.Pendente);
        await saga.AceitaAsync(new IniciarCampanha(ParaGuid(id), id, null));
        await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, "antes de reiniciar"));

        await saga.ReiniciarWorkerAsync();

        var recusada = await saga.RecusadaAsync(new PausarCampanha(ParaGuid(id), id, null));
        Assert.Equal(StatusCampanha.Pausada, recusada.StatusAtual);
        Assert.Equal("A campanha já está pausada.", recusada.Motivo);
        var aceita = await saga.AceitaAsync(new RetomarCampanha(ParaGuid(id), id));
        Assert.Equal(StatusCampanha.Enviando, aceita.Status);
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Enviando, 3), (campanha.Status, campanha.Versao));
    }
}

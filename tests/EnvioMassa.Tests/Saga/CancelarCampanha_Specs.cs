using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;

namespace EnvioMassa.Tests.Saga;

public class When_a_live_campaign_is_cancelled : CampanhaSagaSpec
{
    [Theory]
    [InlineData(StatusCampanha.Rascunho)]
    [InlineData(StatusCampanha.Agendada)]
    [InlineData(StatusCampanha.Enviando)]
    [InlineData(StatusCampanha.Pausada)]
    public async Task Should_answer_accepted_be_cancelada_and_cancel_the_unsent_rows(string status)
    {
        var campanha = Campanha(status);
        var antes = DateTime.UtcNow.AddSeconds(-1);

        var aceita = await Aceita(Cancelar());

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Cancelada), aceita);
        Assert.Equal(StatusCampanha.Cancelada, campanha.Status);
        Assert.InRange(campanha.DataConclusao!.Value, antes, DateTime.UtcNow);
        Assert.Equal([(nameof(IEnviosCampanha.CancelarNaoEnviadosAsync), CampanhaId)], Envios.Chamadas);
        var cancelada = Assert.Single(Harness.Published.Select<CampanhaCancelada>()).Context.Message;
        Assert.Equal(new CampanhaCancelada(CorrelationId, CampanhaId), cancelada);
    }
}

public class When_a_finished_campaign_is_cancelled : CampanhaSagaSpec
{
    [Theory]
    [InlineData(StatusCampanha.Cancelada, "A campanha já está cancelada.")]
    [InlineData(StatusCampanha.Concluida, "A campanha está concluída, um estado final, e não pode mais ser cancelada.")]
    [InlineData(StatusCampanha.Erro, "A campanha está em erro, um estado final, e não pode mais ser cancelada.")]
    public async Task Should_refuse_because_the_state_is_final(string status, string motivo)
    {
        var campanha = Campanha(status);

        var recusada = await Recusada(Cancelar());

        Assert.Equal(new TransicaoRecusada(CampanhaId, status, motivo), recusada);
        Assert.Equal(status, campanha.Status);
        Assert.Null(campanha.DataConclusao);
        Assert.Empty(Envios.Chamadas);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;

namespace EnvioMassa.Tests.Saga;

public class When_a_sending_campaign_is_paused : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_answer_accepted_and_be_pausada()
    {
        var campanha = Campanha(StatusCampanha.Enviando);

        var aceita = await Aceita(Pausar("Instância desconectada"));

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Pausada), aceita);
        Assert.Equal(StatusCampanha.Pausada, campanha.Status);
        Assert.Equal("Instância desconectada", campanha.MotivoPausa);
    }

    [Fact]
    public async Task Should_record_the_operator_as_the_reason_when_none_is_given()
    {
        var campanha = Campanha(StatusCampanha.Enviando);

        await Aceita(Pausar());

        Assert.Equal("Pausada pelo operador", campanha.MotivoPausa);
    }

    [Fact]
    public async Task Should_send_the_scheduled_rows_back_to_pendente()
    {
        Campanha(StatusCampanha.Enviando);

        await Aceita(Pausar());

        Assert.Equal([(nameof(IEnviosCampanha.DevolverAgendadosAsync), CampanhaId)], Envios.Chamadas);
    }

    [Fact]
    public async Task Should_publish_CampanhaPausada_with_the_reason()
    {
        Campanha(StatusCampanha.Enviando);

        await Aceita(Pausar("manutenção"));

        var pausada = Assert.Single(Harness.Published.Select<CampanhaPausada>()).Context.Message;
        Assert.Equal(new CampanhaPausada(CorrelationId, CampanhaId, "manutenção"), pausada);
    }
}

public class When_a_campaign_that_is_not_sending_is_paused : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_refuse_a_paused_campaign_saying_it_is_already_pausada()
    {
        var campanha = Campanha(StatusCampanha.Pausada, c => c.MotivoPausa = "primeira");

        var recusada = await Recusada(Pausar("segunda"));

        Assert.Equal(StatusCampanha.Pausada, recusada.StatusAtual);
        Assert.Equal("A campanha já está pausada.", recusada.Motivo);
        Assert.Equal("primeira", campanha.MotivoPausa);
        Assert.Empty(Envios.Chamadas);
        Assert.False(await Harness.Published.Any<CampanhaPausada>());
    }

    [Theory]
    [InlineData(StatusCampanha.Rascunho, "rascunho")]
    [InlineData(StatusCampanha.Agendada, "agendada")]
    [InlineData(StatusCampanha.Concluida, "concluída")]
    [InlineData(StatusCampanha.Cancelada, "cancelada")]
    [InlineData(StatusCampanha.Erro, "em erro")]
    public async Task Should_refuse_naming_the_current_state(string status, string nomeDoEstado)
    {
        var campanha = Campanha(status);

        var recusada = await Recusada(Pausar());

        Assert.Equal(status, recusada.StatusAtual);
        Assert.Contains(nomeDoEstado, recusada.Motivo);
        Assert.Equal(status, campanha.Status);
        Assert.Empty(Envios.Chamadas);
    }
}

public class When_a_paused_campaign_is_resumed : CampanhaSagaSpec
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_answer_accepted_be_enviando_and_forget_the_pause(bool pausadaPelaInstancia)
    {
        var inicio = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var campanha = Campanha(StatusCampanha.Pausada, c =>
        {
            c.MotivoPausa = pausadaPelaInstancia ? "Instância loja-centro indisponível: Connection Closed" : "Pausada pelo operador";
            c.PausadaPelaInstancia = pausadaPelaInstancia;
            c.DataInicio = inicio;
        });

        var aceita = await Aceita(Retomar());

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Enviando), aceita);
        Assert.Null(campanha.MotivoPausa);
        Assert.False(campanha.PausadaPelaInstancia);
        Assert.Equal(inicio, campanha.DataInicio);
    }
}

public class When_a_campaign_that_is_not_paused_is_resumed : CampanhaSagaSpec
{
    [Theory]
    [InlineData(StatusCampanha.Rascunho, "rascunho")]
    [InlineData(StatusCampanha.Agendada, "agendada")]
    [InlineData(StatusCampanha.Enviando, "já está enviando")]
    [InlineData(StatusCampanha.Concluida, "concluída")]
    [InlineData(StatusCampanha.Cancelada, "cancelada")]
    [InlineData(StatusCampanha.Erro, "em erro")]
    public async Task Should_refuse_naming_the_current_state(string status, string nomeDoEstado)
    {
        var campanha = Campanha(status);

        var recusada = await Recusada(Retomar());

        Assert.Equal(status, recusada.StatusAtual);
        Assert.Contains(nomeDoEstado, recusada.Motivo);
        Assert.Equal(status, campanha.Status);
    }
}

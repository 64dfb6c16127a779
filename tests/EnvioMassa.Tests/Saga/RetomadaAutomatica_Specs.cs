using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;

namespace EnvioMassa.Tests.Saga;

public class When_the_instance_pauses_a_sending_campaign : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_record_that_the_instance_paused_it()
    {
        var campanha = Campanha(StatusCampanha.Enviando);

        var aceita = await Aceita(PausarPelaInstancia(MotivoDaInstancia));

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Pausada), aceita);
        Assert.True(campanha.PausadaPelaInstancia);
        Assert.Equal(MotivoDaInstancia, campanha.MotivoPausa);
        Assert.Equal([(nameof(IEnviosCampanha.DevolverAgendadosAsync), CampanhaId)], Envios.Chamadas);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Pausada automaticamente: 17 das últimas 20 mensagens falharam (último erro: número inválido)")]
    public async Task Should_not_mark_an_operator_or_failure_burst_pause_as_the_instances(string? motivo)
    {
        var campanha = Campanha(StatusCampanha.Enviando);

        await Aceita(Pausar(motivo));

        Assert.Equal(StatusCampanha.Pausada, campanha.Status);
        Assert.False(campanha.PausadaPelaInstancia);
    }
}

public class When_an_automatic_resume_arrives : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_resume_a_campaign_its_instance_paused_and_clear_the_pause()
    {
        var campanha = CampanhaPausadaPelaInstancia();

        await Publicar(RetomarAutomaticamente());

        Assert.Equal(StatusCampanha.Enviando, campanha.Status);
        Assert.False(campanha.PausadaPelaInstancia);
        Assert.Null(campanha.MotivoPausa);
        await NadaFalhou();
    }

    [Fact]
    public async Task Should_ignore_it_after_an_operator_pause()
    {
        var campanha = Campanha(StatusCampanha.Pausada, c => c.MotivoPausa = "Pedido do financeiro");

        await Publicar(RetomarAutomaticamente());

        Assert.Equal(StatusCampanha.Pausada, campanha.Status);
        Assert.Equal("Pedido do financeiro", campanha.MotivoPausa);
        await NadaRespondido();
    }

    [Fact]
    public async Task Should_ignore_it_when_the_operator_paused_over_the_instances_pause()
    {
        var campanha = Campanha(StatusCampanha.Enviando);
        await Aceita(PausarPelaInstancia(MotivoDaInstancia));

        var aceita = await Aceita(Pausar("Segurar até a conferência da lista"));
        await Publicar(RetomarAutomaticamente());

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Pausada), aceita);
        Assert.Equal(StatusCampanha.Pausada, campanha.Status);
        Assert.False(campanha.PausadaPelaInstancia);
        Assert.Equal("Segurar até a conferência da lista", campanha.MotivoPausa);
    }

    [Theory]
    [InlineData(StatusCampanha.Rascunho)]
    [InlineData(StatusCampanha.Agendada)]
    [InlineData(StatusCampanha.Enviando)]
    [InlineData(StatusCampanha.Concluida)]
    [InlineData(StatusCampanha.Cancelada)]
    [InlineData(StatusCampanha.Erro)]
    public async Task Should_drop_it_without_an_answer_when_the_campaign_is_not_paused(string status)
    {
        var campanha = Campanha(status);

        await Publicar(RetomarAutomaticamente());

        Assert.Equal(status, campanha.Status);
        await NadaRespondido();
    }

    /// <summary>Nobody waits for an automatic resume: a refusal would only be published to nobody.</summary>
    async Task NadaRespondido()
    {
        Assert.False(await Harness.Published.Any<TransicaoAceita>(), "A retomada automática ignorada foi aceita.");
        Assert.False(await Harness.Published.Any<TransicaoRecusada>(), "A retomada automática ignorada foi respondida com recusa.");
        await NadaFalhou();
    }
}

public class When_a_campaign_its_instance_paused_is_paused_again : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_let_the_operator_make_the_pause_theirs()
    {
        var campanha = CampanhaPausadaPelaInstancia();

        var aceita = await Aceita(Pausar());

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Pausada), aceita);
        Assert.False(campanha.PausadaPelaInstancia);
        Assert.Equal(CampanhaStateMachine.MotivoPausaPadrao, campanha.MotivoPausa);
        // The rows went back to pendente with the first pause; nothing has scheduled them since.
        Assert.Empty(Envios.Chamadas);
        var pausada = Assert.Single(Harness.Published.Select<CampanhaPausada>()).Context.Message;
        Assert.Equal(new CampanhaPausada(CorrelationId, CampanhaId, CampanhaStateMachine.MotivoPausaPadrao), pausada);
    }

    [Fact]
    public async Task Should_refuse_another_pause_by_the_instance_and_keep_the_first()
    {
        var campanha = CampanhaPausadaPelaInstancia();

        var recusada = await Recusada(PausarPelaInstancia("Pausada automaticamente: a instância loja-centro foi desconectada"));

        Assert.Equal(new TransicaoRecusada(CampanhaId, StatusCampanha.Pausada, "A campanha já está pausada."), recusada);
        Assert.True(campanha.PausadaPelaInstancia);
        Assert.Equal(MotivoDaInstancia, campanha.MotivoPausa);
    }

    [Fact]
    public async Task Should_be_cancelled_without_the_pause_left_behind()
    {
        var campanha = CampanhaPausadaPelaInstancia();

        await Aceita(Cancelar());

        Assert.Equal(StatusCampanha.Cancelada, campanha.Status);
        Assert.False(campanha.PausadaPelaInstancia);
    }

    [Fact]
    public async Task Should_conclude_without_the_pause_left_behind()
    {
        var campanha = CampanhaPausadaPelaInstancia();

        await Publicar(new CampanhaSemPendentes(CorrelationId, CampanhaId));

        Assert.Equal(StatusCampanha.Concluida, campanha.Status);
        Assert.False(campanha.PausadaPelaInstancia);
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;

namespace EnvioMassa.Tests.Saga;

public class When_a_campaign_has_no_pending_rows : CampanhaSagaSpec
{
    [Theory]
    [InlineData(StatusCampanha.Enviando)]
    [InlineData(StatusCampanha.Pausada)]
    public async Task Should_be_concluida_when_every_row_is_final(string status)
    {
        var campanha = Campanha(status);
        Envios.TodosFinais = true;

        await Publicar(new CampanhaSemPendentes(CorrelationId, CampanhaId));

        Assert.Equal(StatusCampanha.Concluida, campanha.Status);
        var concluida = Assert.Single(Harness.Published.Select<CampanhaConcluida>()).Context.Message;
        Assert.Equal(new CampanhaConcluida(CorrelationId, CampanhaId, campanha.DataConclusao!.Value), concluida);
    }

    [Fact]
    public async Task Should_ignore_a_stale_event_when_a_row_is_still_open()
    {
        var campanha = Campanha(StatusCampanha.Enviando);
        Envios.TodosFinais = false;

        await Publicar(new CampanhaSemPendentes(CorrelationId, CampanhaId));

        Assert.Equal(StatusCampanha.Enviando, campanha.Status);
        Assert.Null(campanha.DataConclusao);
        Assert.Contains("TodosFinaisAsync", Envios.Acoes);
        Assert.False(await Harness.Published.Any<CampanhaConcluida>());
        await NadaFalhou();
    }

    [Theory]
    [InlineData(StatusCampanha.Rascunho)]
    [InlineData(StatusCampanha.Agendada)]
    [InlineData(StatusCampanha.Cancelada)]
    [InlineData(StatusCampanha.Erro)]
    public async Task Should_ignore_it_in_a_state_that_cannot_conclude(string status)
    {
        var campanha = Campanha(status);

        await Publicar(new CampanhaSemPendentes(CorrelationId, CampanhaId));

        Assert.Equal(status, campanha.Status);
        Assert.Empty(Envios.Chamadas);
        await NadaFalhou();
    }
}

public class When_a_campaign_fails : CampanhaSagaSpec
{
    [Theory]
    [InlineData(StatusCampanha.Agendada)]
    [InlineData(StatusCampanha.Enviando)]
    [InlineData(StatusCampanha.Pausada)]
    public async Task Should_be_erro_with_the_reason_and_take_back_the_scheduled_rows(string status)
    {
        var campanha = Campanha(status);

        await Publicar(new CampanhaFalhou(CorrelationId, CampanhaId, "Instância excluída"));

        Assert.Equal(StatusCampanha.Erro, campanha.Status);
        Assert.Equal("Instância excluída", campanha.MotivoPausa);
        Assert.NotNull(campanha.DataConclusao);
        Assert.Equal([(nameof(IEnviosCampanha.DevolverAgendadosAsync), CampanhaId)], Envios.Chamadas);
    }

    [Theory]
    [InlineData(StatusCampanha.Rascunho)]
    [InlineData(StatusCampanha.Concluida)]
    [InlineData(StatusCampanha.Cancelada)]
    public async Task Should_ignore_it_when_the_campaign_is_not_running(string status)
    {
        var campanha = Campanha(status);

        await Publicar(new CampanhaFalhou(CorrelationId, CampanhaId, "Template removido"));

        Assert.Equal(status, campanha.Status);
        Assert.Null(campanha.MotivoPausa);
        await NadaFalhou();
    }
}

public class When_a_message_names_a_campaign_that_does_not_exist : CampanhaSagaSpec
{
    public static TheoryData<object> Comandos => new()
    {
        Iniciar(), Pausar(), Retomar(), Cancelar(),
    };

    [Theory]
    [MemberData(nameof(Comandos))]
    public async Task Should_refuse_a_command_saying_it_does_not_exist(object comando)
    {
        var resposta = await (comando switch
        {
            IniciarCampanha c => Recusada(c),
            PausarCampanha c => Recusada(c),
            RetomarCampanha c => Recusada(c),
            CancelarCampanha c => Recusada(c),
            _ => throw new ArgumentOutOfRangeException(nameof(comando)),
        });

        Assert.Equal(new TransicaoRecusada(CampanhaId, "inexistente", "A campanha 42 não existe."), resposta);
    }

    [Fact]
    public async Task Should_drop_an_event_silently()
    {
        await Harness.Bus.Publish(new CampanhaSemPendentes(CorrelationId, CampanhaId));
        await Harness.Bus.Publish(new AgendamentoAtingido(CorrelationId, CampanhaId));
        await Harness.Bus.Publish(new CampanhaFalhou(CorrelationId, CampanhaId, "x"));

        Assert.True(await Harness.Consumed.Any<CampanhaFalhou>());
        Assert.Empty(Envios.Chamadas);
        await NadaFalhou();
    }
}

public class When_a_campaign_fails_with_a_very_long_reason : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_keep_a_reason_that_fits_motivo_pausa()
    {
        var campanha = Campanha(StatusCampanha.Enviando);

        await Publicar(new CampanhaFalhou(CorrelationId, CampanhaId, new string('x', 2000)));

        Assert.Equal(StatusCampanha.Erro, campanha.Status);
        Assert.Equal(500, campanha.MotivoPausa!.Length);
    }
}

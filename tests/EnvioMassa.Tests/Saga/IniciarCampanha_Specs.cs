using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;

namespace EnvioMassa.Tests.Saga;

public class When_a_draft_campaign_is_started : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_answer_accepted_and_be_enviando()
    {
        var campanha = Campanha(StatusCampanha.Rascunho, c => c.MotivoPausa = "antigo");
        var antes = DateTime.UtcNow.AddSeconds(-1);

        var aceita = await Aceita(Iniciar());

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Enviando), aceita);
        Assert.Equal(StatusCampanha.Enviando, campanha.Status);
        Assert.InRange(campanha.DataInicio!.Value, antes, DateTime.UtcNow);
        Assert.Null(campanha.MotivoPausa);
    }

    [Fact]
    public async Task Should_publish_CampanhaIniciada_with_the_start_time()
    {
        var campanha = Campanha(StatusCampanha.Rascunho);

        await Aceita(Iniciar());

        var iniciada = Assert.Single(Harness.Published.Select<CampanhaIniciada>()).Context.Message;
        Assert.Equal(new CampanhaIniciada(CorrelationId, CampanhaId, campanha.DataInicio!.Value), iniciada);
    }

    [Fact]
    public async Task Should_keep_a_start_time_already_recorded()
    {
        var inicio = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var campanha = Campanha(StatusCampanha.Rascunho, c => c.DataInicio = inicio);

        await Aceita(Iniciar());

        Assert.Equal(inicio, campanha.DataInicio);
    }

    [Fact]
    public async Task Should_start_now_when_the_schedule_is_already_past()
    {
        var campanha = Campanha(StatusCampanha.Rascunho);

        var aceita = await Aceita(Iniciar(DateTime.UtcNow.AddMinutes(-1)));

        Assert.Equal(StatusCampanha.Enviando, aceita.Status);
        Assert.NotNull(campanha.DataInicio);
    }
}

public class When_a_draft_campaign_is_started_for_later : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_answer_accepted_and_be_agendada_with_the_time_stored()
    {
        var campanha = Campanha(StatusCampanha.Rascunho);
        var quando = DateTime.UtcNow.AddDays(1);

        var aceita = await Aceita(Iniciar(quando));

        Assert.Equal(new TransicaoAceita(CampanhaId, StatusCampanha.Agendada), aceita);
        Assert.Equal(quando, campanha.AgendarPara);
        Assert.Null(campanha.DataInicio);
        Assert.False(await Harness.Published.Any<CampanhaIniciada>());
    }
}

public class When_the_schedule_of_a_campaign_is_reached : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_be_enviando_and_publish_CampanhaIniciada()
    {
        var campanha = Campanha(StatusCampanha.Agendada, c => c.AgendarPara = DateTime.UtcNow);

        await Publicar(new AgendamentoAtingido(CorrelationId, CampanhaId));

        Assert.Equal(StatusCampanha.Enviando, campanha.Status);
        Assert.NotNull(campanha.DataInicio);
        Assert.True(await Harness.Published.Any<CampanhaIniciada>());
    }

    [Theory]
    [InlineData(StatusCampanha.Rascunho)]
    [InlineData(StatusCampanha.Enviando)]
    [InlineData(StatusCampanha.Pausada)]
    [InlineData(StatusCampanha.Cancelada)]
    public async Task Should_ignore_it_when_the_campaign_is_not_agendada(string status)
    {
        var campanha = Campanha(status);

        await Publicar(new AgendamentoAtingido(CorrelationId, CampanhaId));

        Assert.Equal(status, campanha.Status);
        Assert.Null(campanha.DataInicio);
        await NadaFalhou();
    }
}

public class When_a_campaign_that_cannot_start_is_started : CampanhaSagaSpec
{
    [Fact]
    public async Task Should_refuse_a_scheduled_campaign_and_say_cancel_first()
    {
        var quando = DateTime.UtcNow.AddDays(1);
        var campanha = Campanha(StatusCampanha.Agendada, c => c.AgendarPara = quando);

        var recusada = await Recusada(Iniciar());

        Assert.Equal(StatusCampanha.Agendada, recusada.StatusAtual);
        Assert.Contains("agendada", recusada.Motivo);
        Assert.Contains("cancele", recusada.Motivo);
        Assert.Equal(quando, campanha.AgendarPara);
        Assert.Equal(StatusCampanha.Agendada, campanha.Status);
    }

    [Theory]
    [InlineData(StatusCampanha.Enviando, "já está enviando")]
    [InlineData(StatusCampanha.Pausada, "pausada")]
    [InlineData(StatusCampanha.Concluida, "concluída")]
    [InlineData(StatusCampanha.Cancelada, "cancelada")]
    [InlineData(StatusCampanha.Erro, "em erro")]
    public async Task Should_refuse_naming_the_current_state(string status, string nomeDoEstado)
    {
        var campanha = Campanha(status);

        var recusada = await Recusada(Iniciar());

        Assert.Equal(new TransicaoRecusada(CampanhaId, status, recusada.Motivo), recusada);
        Assert.Contains(nomeDoEstado, recusada.Motivo);
        Assert.Equal(status, campanha.Status);
        Assert.False(await Harness.Published.Any<CampanhaIniciada>());
    }
}

using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using static EnvioMassa.Contracts.CampanhaCorrelation;
using static EnvioMassa.IntegrationTests.Saga.CampanhaSagaFixture;

namespace EnvioMassa.IntegrationTests.Saga;

public class When_campaign_commands_go_through_the_bus(CampanhaSagaFixture saga) : IClassFixture<CampanhaSagaFixture>
{
    [Fact]
    public async Task Should_start_a_draft_and_store_the_transition_in_its_row()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Rascunho, StatusEnvio.Pendente);

        var aceita = await saga.AceitaAsync(new IniciarCampanha(ParaGuid(id), id, null));

        Assert.Equal(new TransicaoAceita(id, StatusCampanha.Enviando), aceita);
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal(StatusCampanha.Enviando, campanha.Status);
        Assert.Equal(1, campanha.Versao);
        Assert.InRange(campanha.DataInicio!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Null(campanha.MotivoPausa);
    }

    [Fact]
    public async Task Should_schedule_a_draft_for_later_storing_agendar_para()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Rascunho);
        var quando = new DateTime(2099, 12, 1, 12, 0, 0, DateTimeKind.Utc);

        await saga.AceitaAsync(new IniciarCampanha(ParaGuid(id), id, quando));

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal(StatusCampanha.Agendada, campanha.Status);
        Assert.Equal(quando, campanha.AgendarPara);
        Assert.Null(campanha.DataInicio);
    }

    [Fact]
    public async Task Should_pause_and_send_scheduled_rows_back_to_pendente()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando,
            StatusEnvio.Agendado, StatusEnvio.Agendado, StatusEnvio.Pendente, StatusEnvio.Enviando, StatusEnvio.Enviado);

        var aceita = await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, "Instância desconectada"));

        Assert.Equal(StatusCampanha.Pausada, aceita.Status);
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal(StatusCampanha.Pausada, campanha.Status);
        Assert.Equal("Instância desconectada", campanha.MotivoPausa);
        Assert.Equal(1, campanha.Versao);
        var envios = await saga.LerEnviosAsync(id);
        Assert.Equal([StatusEnvio.Pendente, StatusEnvio.Pendente, StatusEnvio.Pendente, StatusEnvio.Enviando, StatusEnvio.Enviado],
            envios.Select(e => e.Status));
        Assert.All(envios.Take(2), e => Assert.Null(e.AgendadoPara));
    }

    [Fact]
    public async Task Should_resume_a_paused_campaign_and_clear_the_reason()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Agendado);
        await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, null));

        var aceita = await saga.AceitaAsync(new RetomarCampanha(ParaGuid(id), id));

        Assert.Equal(StatusCampanha.Enviando, aceita.Status);
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Enviando, (string?)null, 2), (campanha.Status, campanha.MotivoPausa, campanha.Versao));
    }

    [Fact]
    public async Task Should_store_a_pause_by_the_instance_and_clear_it_on_an_automatic_resume()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Agendado);
        await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, "Instância indisponível: Connection Closed", PelaInstancia: true));
        Assert.True((await saga.LerCampanhaAsync(id)).PausadaPelaInstancia);

        await saga.PublicarEsperandoAsync(new RetomarCampanha(ParaGuid(id), id, Automatica: true), m => m.CampanhaId == id);

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Enviando, false, (string?)null, 2),
            (campanha.Status, campanha.PausadaPelaInstancia, campanha.MotivoPausa, campanha.Versao));
    }

    [Fact]
    public async Task Should_leave_the_row_alone_on_an_automatic_resume_after_the_operator_paused_it()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Pendente);
        await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, "Instância indisponível: Connection Closed", PelaInstancia: true));
        await saga.AceitaAsync(new PausarCampanha(ParaGuid(id), id, "Segurar até a conferência"));

        await saga.PublicarEsperandoAsync(new RetomarCampanha(ParaGuid(id), id, Automatica: true), m => m.CampanhaId == id);

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Pausada, false, "Segurar até a conferência", 2),
            (campanha.Status, campanha.PausadaPelaInstancia, campanha.MotivoPausa, campanha.Versao));
    }

    [Fact]
    public async Task Should_cancel_and_mark_the_unsent_rows_cancelado()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Pausada,
            StatusEnvio.Pendente, StatusEnvio.Agendado, StatusEnvio.Enviando, StatusEnvio.Enviado, StatusEnvio.Erro, StatusEnvio.Incerto);

        await saga.AceitaAsync(new CancelarCampanha(ParaGuid(id), id));

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal(StatusCampanha.Cancelada, campanha.Status);
        Assert.NotNull(campanha.DataConclusao);
        Assert.Equal(
            [StatusEnvio.Cancelado, StatusEnvio.Cancelado, StatusEnvio.Enviando, StatusEnvio.Enviado, StatusEnvio.Erro, StatusEnvio.Incerto],
            (await saga.LerEnviosAsync(id)).Select(e => e.Status));
    }

    [Fact]
    public async Task Should_never_touch_the_counters()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Rascunho, StatusEnvio.Pendente);

        await saga.AceitaAsync(new IniciarCampanha(ParaGuid(id), id, null));
        await saga.AceitaAsync(new CancelarCampanha(ParaGuid(id), id));

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((1, 3, 2, 1), (campanha.TotalClientes, campanha.Enviados, campanha.Sucessos, campanha.Falhas));
    }

    [Fact]
    public async Task Should_refuse_what_the_state_does_not_allow_and_leave_the_row_alone()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Concluida, StatusEnvio.Enviado);

        var recusada = await saga.RecusadaAsync(new IniciarCampanha(ParaGuid(id), id, null));

        Assert.Equal(StatusCampanha.Concluida, recusada.StatusAtual);
        Assert.Contains("concluída", recusada.Motivo);
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Concluida, 0), (campanha.Status, campanha.Versao));
    }

    [Fact]
    public async Task Should_refuse_a_campaign_that_has_no_row()
    {
        const int id = 987654;

        var recusada = await saga.RecusadaAsync(new PausarCampanha(ParaGuid(id), id, null));

        Assert.Equal(new TransicaoRecusada(id, "inexistente", "A campanha 987654 não existe."), recusada);
    }

    [Fact]
    public async Task Should_ignore_CampanhaSemPendentes_while_a_row_is_not_final()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Enviado, StatusEnvio.Enviando);

        await saga.PublicarEsperandoAsync(new CampanhaSemPendentes(ParaGuid(id), id), m => m.CampanhaId == id);

        var campanha = await saga.LerCampanhaAsync(id);
        Assert.Equal((StatusCampanha.Enviando, (DateTime?)null, 0), (campanha.Status, campanha.DataConclusao, campanha.Versao));
    }

    [Fact]
    public async Task Should_conclude_on_CampanhaSemPendentes_when_every_row_is_final()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando,
            StatusEnvio.Enviado, StatusEnvio.Erro, StatusEnvio.Incerto, StatusEnvio.Cancelado);

        await saga.Cliente.Publish(new CampanhaSemPendentes(ParaGuid(id), id));

        await EventualmenteAsync(async () => (await saga.LerCampanhaAsync(id)).Status == StatusCampanha.Concluida,
            "a campanha ficar concluida");
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.InRange(campanha.DataConclusao!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(1, campanha.Versao);
    }

    [Fact]
    public async Task Should_start_a_scheduled_campaign_when_its_time_is_reached()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Agendada, StatusEnvio.Pendente);

        await saga.Cliente.Publish(new AgendamentoAtingido(ParaGuid(id), id));

        await EventualmenteAsync(async () => (await saga.LerCampanhaAsync(id)).Status == StatusCampanha.Enviando,
            "a campanha agendada começar a enviar");
        Assert.NotNull((await saga.LerCampanhaAsync(id)).DataInicio);
    }

    [Fact]
    public async Task Should_put_a_failed_campaign_in_erro_and_take_its_scheduled_rows_back_to_pendente()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Pendente, StatusEnvio.Agendado, StatusEnvio.Enviado);

        await saga.Cliente.Publish(new CampanhaFalhou(ParaGuid(id), id, "Instância excluída"));

        await EventualmenteAsync(async () => (await saga.LerCampanhaAsync(id)).Status == StatusCampanha.Erro,
            "a campanha ficar em erro");
        Assert.Equal("Instância excluída", (await saga.LerCampanhaAsync(id)).MotivoPausa);
        Assert.Equal([StatusEnvio.Pendente, StatusEnvio.Pendente, StatusEnvio.Enviado], (await saga.LerEnviosAsync(id)).Select(e => e.Status));
    }
}

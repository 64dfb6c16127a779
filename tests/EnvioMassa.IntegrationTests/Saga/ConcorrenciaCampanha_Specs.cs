using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using static EnvioMassa.Contracts.CampanhaCorrelation;

namespace EnvioMassa.IntegrationTests.Saga;

public class When_many_commands_race_on_one_campaign(CampanhaSagaFixture saga) : IClassFixture<CampanhaSagaFixture>
{
    [Fact]
    public async Task Should_leave_a_consistent_row_with_one_version_per_accepted_transition()
    {
        var id = await saga.NovaCampanhaAsync(StatusCampanha.Enviando, StatusEnvio.Agendado, StatusEnvio.Pendente);

        // 20 pause/resume requests at once, while the counters are bumped as the counters consumer would.
        var comandos = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? saga.PedirAsync(new PausarCampanha(ParaGuid(id), id, $"pausa {i}"))
            : saga.PedirAsync(new RetomarCampanha(ParaGuid(id), id)));
        var contadores = Enumerable.Range(0, 30).Select(_ => IncrementarEnviadosAsync(id));
        var respostas = await Task.WhenAll(comandos);
        await Task.WhenAll(contadores);

        var aceitas = respostas.Where(r => r.Is(out Response<TransicaoAceita>? _)).ToList();
        var campanha = await saga.LerCampanhaAsync(id);
        Assert.NotEmpty(aceitas);
        Assert.Equal(20, aceitas.Count + respostas.Count(r => r.Is(out Response<TransicaoRecusada>? _)));
        Assert.Equal(aceitas.Count, campanha.Versao);
        Assert.Equal(aceitas.Count % 2 == 0 ? StatusCampanha.Enviando : StatusCampanha.Pausada, campanha.Status);
        Assert.Equal(campanha.Status == StatusCampanha.Pausada, campanha.MotivoPausa is not null);
        Assert.Equal(3 + 30, campanha.Enviados);
        Assert.DoesNotContain(StatusEnvio.Agendado, (await saga.LerEnviosAsync(id)).Select(e => e.Status));
    }

    async Task IncrementarEnviadosAsync(int id)
    {
        await using var db = saga.NovoDbContext();
        await db.Campanhas.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Enviados, c => c.Enviados + 1));
    }
}

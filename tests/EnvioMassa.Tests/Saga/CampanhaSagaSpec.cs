using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;
using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvioMassa.Tests.Saga;

/// <summary>
/// The campaign machine on MassTransit's in-memory harness and saga repository, with its definition (retry and outbox)
/// and a fake for the detail-row side effects. Each test gets a fresh bus.
/// </summary>
public abstract class CampanhaSagaSpec : IAsyncLifetime
{
    protected const int CampanhaId = 42;
    protected static readonly Guid CorrelationId = CampanhaCorrelation.ParaGuid(CampanhaId);

    ServiceProvider _provider = null!;

    protected ITestHarness Harness { get; private set; } = null!;
    protected ISagaStateMachineTestHarness<CampanhaStateMachine, CampanhaEstado> SagaHarness { get; private set; } = null!;
    protected CampanhaStateMachine Machine => SagaHarness.StateMachine;
    protected FakeEnviosCampanha Envios { get; } = new();

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEnviosCampanha>(Envios)
            .AddMassTransitTestHarness(x =>
            {
                x.SetKebabCaseEndpointNameFormatter();
                x.AddSagaStateMachine<CampanhaStateMachine, CampanhaEstado, CampanhaStateDefinition>().InMemoryRepository();
            })
            .BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        Harness.TestInactivityTimeout = TimeSpan.FromMilliseconds(300);
        await Harness.Start();
        SagaHarness = Harness.GetSagaStateMachineHarness<CampanhaStateMachine, CampanhaEstado>();
    }

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }

    /// <summary>A campaign row as the API (or an earlier transition) left it.</summary>
    protected CampanhaEstado Campanha(string status, Action<CampanhaEstado>? configurar = null)
    {
        var campanha = new CampanhaEstado { CorrelationId = CorrelationId, CurrentState = CampanhaEstado.ParaEstado(status) };
        configurar?.Invoke(campanha);
        _provider.GetRequiredService<IndexedSagaDictionary<CampanhaEstado>>().Add(new SagaInstance<CampanhaEstado>(campanha));
        return campanha;
    }

    protected const string MotivoDaInstancia = "Instância loja-centro indisponível: Connection Closed";

    /// <summary>A campaign its instance paused (a send was refused with Connection Closed).</summary>
    protected CampanhaEstado CampanhaPausadaPelaInstancia() => Campanha(StatusCampanha.Pausada, c =>
    {
        c.MotivoPausa = MotivoDaInstancia;
        c.PausadaPelaInstancia = true;
    });

    protected async Task<Response<TransicaoAceita, TransicaoRecusada>> Pedir<T>(T comando) where T : class =>
        await Harness.GetRequestClient<T>().GetResponse<TransicaoAceita, TransicaoRecusada>(comando);

    protected async Task<TransicaoAceita> Aceita<T>(T comando) where T : class
    {
        var resposta = await Pedir(comando);
        Assert.True(resposta.Is(out Response<TransicaoAceita>? aceita), $"Esperava TransicaoAceita, veio {resposta.Message}");
        return aceita!.Message;
    }

    protected async Task<TransicaoRecusada> Recusada<T>(T comando) where T : class
    {
        var resposta = await Pedir(comando);
        Assert.True(resposta.Is(out Response<TransicaoRecusada>? recusada), $"Esperava TransicaoRecusada, veio {resposta.Message}");
        return recusada!.Message;
    }

    /// <summary>Publishes an event and waits until the saga consumed it.</summary>
    protected async Task Publicar<T>(T evento) where T : class
    {
        await Harness.Bus.Publish(evento);
        Assert.True(await SagaHarness.Consumed.Any<T>(), $"A saga não consumiu {typeof(T).Name}.");
    }

    protected async Task NadaFalhou()
    {
        Assert.False(await Harness.Published.Any<Fault>(), "Uma mensagem falhou na saga.");
    }

    protected static IniciarCampanha Iniciar(DateTime? agendarPara = null) => new(CorrelationId, CampanhaId, agendarPara);
    protected static PausarCampanha Pausar(string? motivo = null) => new(CorrelationId, CampanhaId, motivo);
    protected static PausarCampanha PausarPelaInstancia(string motivo) => new(CorrelationId, CampanhaId, motivo, PelaInstancia: true);
    protected static RetomarCampanha Retomar() => new(CorrelationId, CampanhaId);
    protected static RetomarCampanha RetomarAutomaticamente() => new(CorrelationId, CampanhaId, Automatica: true);
    protected static CancelarCampanha Cancelar() => new(CorrelationId, CampanhaId);
}

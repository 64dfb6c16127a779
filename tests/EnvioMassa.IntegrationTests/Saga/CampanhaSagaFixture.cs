using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using EnvioMassa.ServiceDefaults;
using EnvioMassa.Worker.Saga;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.IntegrationTests.Saga;

/// <summary>
/// One fresh database and RabbitMQ virtual host per test class; a worker host wired like the worker (service defaults,
/// kebab-case endpoints, <see cref="CampanhaSagaRegistration.AddCampanhaSaga"/>) and a separate client bus that
/// plays the API, sending requests through RabbitMQ.
/// </summary>
public sealed class CampanhaSagaFixture : IAsyncLifetime
{
    // TestServers cuts names to a fixed length and needs a purpose of at least 6 characters for the virtual host.
    const string Finalidade = "campanhasaga";
    static int _telefones;

    TestServers _servers = null!;
    IHost? _cliente;

    public string ConnectionString { get; private set; } = null!;
    public string VirtualHost { get; private set; } = null!;
    public IHost Worker { get; private set; } = null!;
    public IBus Cliente => _cliente!.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        ConnectionString = await _servers.CreateDatabaseAsync(Finalidade);
        VirtualHost = await _servers.CreateVirtualHostAsync(Finalidade);
        Worker = await IniciarWorkerAsync();
        _cliente = await IniciarHostAsync(_ => { });
    }

    public async Task DisposeAsync()
    {
        await PararAsync(_cliente);
        await PararAsync(Worker);
        await _servers.DropDatabaseAsync(ConnectionString);
        await _servers.DeleteVirtualHostAsync(VirtualHost);
    }

    /// <summary>A new worker process as far as the saga can tell: new container, new bus, nothing kept in memory.</summary>
    public async Task ReiniciarWorkerAsync()
    {
        await PararAsync(Worker);
        Worker = await IniciarWorkerAsync();
    }

    Task<IHost> IniciarWorkerAsync() => IniciarHostAsync(x => x.AddCampanhaSaga());

    async Task<IHost> IniciarHostAsync(Action<IBusRegistrationConfigurator> registrar)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(_servers.Configuration(ConnectionString, VirtualHost));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            registrar(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.UseConfiguredHost(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    static async Task PararAsync(IHost? host)
    {
        if (host is null)
            return;
        await host.StopAsync();
        host.Dispose();
    }

    public EnvioMassaDbContext NovoDbContext()
    {
        var options = new DbContextOptionsBuilder<EnvioMassaDbContext>();
        DatabaseExtensions.Configure(options, ConnectionString);
        return new EnvioMassaDbContext(options.Options);
    }

    /// <summary>A campaign row in <paramref name="status"/> with one detail row per entry of <paramref name="envios"/>.</summary>
    public async Task<int> NovaCampanhaAsync(string status, params string[] envios)
    {
        await using var db = NovoDbContext();
        var template = new Template { Nome = "t", Conteudo = "Olá {{nome}}" };
        var instancia = new Instancia { Nome = $"i{Guid.NewGuid():N}", EvolutionInstance = $"i{Guid.NewGuid():N}" };
        var campanha = new Campanha
        {
            Nome = "campanha", Status = status, Template = template, Instancia = instancia,
            TotalClientes = envios.Length, Enviados = 3, Sucessos = 2, Falhas = 1,
        };
        db.Campanhas.Add(campanha);
        foreach (var statusEnvio in envios)
        {
            var cliente = new Cliente { Nome = "c", Telefone = $"55119{Interlocked.Increment(ref _telefones):D8}" };
            db.Envios.Add(new EnvioDetalhe
            {
                Campanha = campanha, Cliente = cliente, Status = statusEnvio,
                AgendadoPara = statusEnvio == StatusEnvio.Agendado ? DateTime.UtcNow.AddMinutes(1) : null,
            });
        }
        await db.SaveChangesAsync();
        return campanha.Id;
    }

    public async Task<Campanha> LerCampanhaAsync(int id)
    {
        await using var db = NovoDbContext();
        return await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    public async Task<List<EnvioDetalhe>> LerEnviosAsync(int campanhaId)
    {
        await using var db = NovoDbContext();
        return await db.Envios.AsNoTracking().Where(e => e.CampanhaId == campanhaId).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task ExecutarSqlAsync(FormattableString sql)
    {
        await using var db = NovoDbContext();
        await db.Database.ExecuteSqlAsync(sql);
    }

    public async Task<Response<TransicaoAceita, TransicaoRecusada>> PedirAsync<T>(T comando) where T : class =>
        await Cliente.CreateRequestClient<T>().GetResponse<TransicaoAceita, TransicaoRecusada>(comando);

    public async Task<TransicaoAceita> AceitaAsync<T>(T comando) where T : class
    {
        var resposta = await PedirAsync(comando);
        Assert.True(resposta.Is(out Response<TransicaoAceita>? aceita), $"Esperava TransicaoAceita, veio {resposta.Message}");
        return aceita!.Message;
    }

    public async Task<TransicaoRecusada> RecusadaAsync<T>(T comando) where T : class
    {
        var resposta = await PedirAsync(comando);
        Assert.True(resposta.Is(out Response<TransicaoRecusada>? recusada), $"Esperava TransicaoRecusada, veio {resposta.Message}");
        return recusada!.Message;
    }

    /// <summary>Publishes an event from the client and waits until the worker's saga endpoint finished consuming it.</summary>
    public async Task PublicarEsperandoAsync<T>(T evento, Func<T, bool> este) where T : class
    {
        var consumido = new ConsumoObservado<T>(este);
        using var _ = Worker.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(consumido);
        await Cliente.Publish(evento);
        await consumido.Concluido.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Polls the database until <paramref name="condicao"/> holds; fails after <paramref name="prazo"/>.</summary>
    public static async Task EventualmenteAsync(Func<Task<bool>> condicao, string descricao, TimeSpan? prazo = null)
    {
        var limite = DateTime.UtcNow + (prazo ?? TimeSpan.FromSeconds(20));
        while (!await condicao())
        {
            if (DateTime.UtcNow > limite)
                Assert.Fail($"Não aconteceu a tempo: {descricao}");
            await Task.Delay(50);
        }
    }

    sealed class ConsumoObservado<T>(Func<T, bool> este) : IConsumeMessageObserver<T> where T : class
    {
        readonly TaskCompletionSource _concluido = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Concluido => _concluido.Task;

        public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<T> context)
        {
            if (este(context.Message))
                _concluido.TrySetResult();
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
        {
            if (este(context.Message))
                _concluido.TrySetException(exception);
            return Task.CompletedTask;
        }
    }
}

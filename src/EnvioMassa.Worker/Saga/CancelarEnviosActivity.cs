using MassTransit;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Worker.Saga;

/// <summary>On cancel, every row not yet handed to a sender becomes <c>cancelado</c>; rows in flight finish on their own.</summary>
public sealed class CancelarEnviosActivity(IEnviosCampanha envios, ILogger<CancelarEnviosActivity> logger)
    : IStateMachineActivity<CampanhaEstado>
{
    public async Task Execute(BehaviorContext<CampanhaEstado> context, IBehavior<CampanhaEstado> next)
    {
        await Cancelar(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<CampanhaEstado, T> context, IBehavior<CampanhaEstado, T> next) where T : class
    {
        await Cancelar(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<CampanhaEstado, TException> context, IBehavior<CampanhaEstado> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<CampanhaEstado, T, TException> context, IBehavior<CampanhaEstado, T> next)
        where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("cancelar-envios");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    async Task Cancelar(BehaviorContext<CampanhaEstado> context)
    {
        var campanhaId = context.Saga.CampanhaId;
        var cancelados = await envios.CancelarNaoEnviadosAsync(campanhaId, context.CancellationToken);
        logger.LogInformation("Campanha {CampanhaId} cancelada: {Cancelados} envios cancelados", campanhaId, cancelados);
    }
}

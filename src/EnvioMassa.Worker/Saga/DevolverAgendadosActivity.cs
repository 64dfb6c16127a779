using MassTransit;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// On pause and on <c>erro</c>, rows already given a slot go back to <c>pendente</c>, so their delayed messages find
/// nothing to send.
/// </summary>
public sealed class DevolverAgendadosActivity(IEnviosCampanha envios, ILogger<DevolverAgendadosActivity> logger)
    : IStateMachineActivity<CampanhaEstado>
{
    public async Task Execute(BehaviorContext<CampanhaEstado> context, IBehavior<CampanhaEstado> next)
    {
        await Devolver(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<CampanhaEstado, T> context, IBehavior<CampanhaEstado, T> next) where T : class
    {
        await Devolver(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<CampanhaEstado, TException> context, IBehavior<CampanhaEstado> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<CampanhaEstado, T, TException> context, IBehavior<CampanhaEstado, T> next)
        where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("devolver-agendados");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    async Task Devolver(BehaviorContext<CampanhaEstado> context)
    {
        var campanhaId = context.Saga.CampanhaId;
        var devolvidos = await envios.DevolverAgendadosAsync(campanhaId, context.CancellationToken);
        logger.LogInformation("Campanha {CampanhaId} {Status}: {Devolvidos} envios agendados voltaram a pendente",
            campanhaId, context.Saga.Status, devolvidos);
    }
}

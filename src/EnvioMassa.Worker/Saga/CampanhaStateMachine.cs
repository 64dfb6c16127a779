using System.Linq.Expressions;
using EnvioMassa.Contracts;
using MassTransit;

namespace EnvioMassa.Worker.Saga;

/// <summary>
/// rascunho → agendada → enviando ⇄ pausada → concluida | cancelada | erro. Commands (iniciar, pausar, retomar, cancelar)
/// come as requests and are always answered: <see cref="TransicaoAceita"/> or <see cref="TransicaoRecusada"/>; the
/// exception is an automatic resume, which nobody waits for and which is dropped when it no longer applies. Events
/// (agendamento atingido, sem pendentes, falhou) that don't apply to the current state are stale and ignored.
/// </summary>
public class CampanhaStateMachine : MassTransitStateMachine<CampanhaEstado>
{
    public CampanhaStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Comando(() => IniciarCampanha, m => m.CampanhaId);
        Comando(() => PausarCampanha, m => m.CampanhaId);
        Comando(() => RetomarCampanha, m => m.CampanhaId);
        Comando(() => CancelarCampanha, m => m.CampanhaId);
        Evento(() => AgendamentoAtingido, m => m.CampanhaId);
        Evento(() => CampanhaSemPendentes, m => m.CampanhaId);
        Evento(() => CampanhaFalhou, m => m.CampanhaId);

        During(Rascunho,
            When(IniciarCampanha)
                .IfElse(context => context.Message.AgendarPara > Agora(),
                    agendar => agendar
                        .Then(context => context.Saga.AgendarPara = context.Message.AgendarPara)
                        .TransitionTo(Agendada),
                    iniciar => IniciarEnvio(iniciar))
                .Respond(Aceita));

        During(Agendada,
            IniciarEnvio(When(AgendamentoAtingido)));

        During(Enviando,
            When(PausarCampanha)
                .Then(RegistrarPausa)
                .TransitionTo(Pausada)
                .Activity(x => x.OfInstanceType<DevolverAgendadosActivity>())
                .Publish(AvisoDePausa)
                .Respond(Aceita));

        During(Pausada,
            // A pause that is not the instance's makes an instance's pause its own, so that reconnecting the number
            // does not resume a campaign the operator wants held; any other pause of a paused campaign is refused.
            When(PausarCampanha)
                .IfElse(context => context.Saga.PausadaPelaInstancia && !context.Message.PelaInstancia,
                    assumir => assumir
                        .Then(RegistrarPausa)
                        .Publish(AvisoDePausa)
                        .Respond(Aceita),
                    recusar => recusar
                        .Respond(context => Recusada(context.Saga, MotivosRecusa.Pausar(context.Saga.Status)))),
            // An automatic resume undoes only the instance's pause; filtered out, it is dropped without an answer.
            When(RetomarCampanha, context => !context.Message.Automatica || context.Saga.PausadaPelaInstancia)
                .Then(context => context.Saga.MotivoPausa = null)
                .TransitionTo(Enviando)
                .Respond(Aceita));

        WhenLeave(Pausada, leave => leave.Then(context => context.Saga.PausadaPelaInstancia = false));

        During(Rascunho, Agendada, Enviando, Pausada,
            When(CancelarCampanha)
                .Then(context => context.Saga.DataConclusao = Agora())
                .TransitionTo(Cancelada)
                .Activity(x => x.OfInstanceType<CancelarEnviosActivity>())
                .Publish(context => new CampanhaCancelada(context.Saga.CorrelationId, context.Saga.CampanhaId))
                .Respond(Aceita));

        During(Enviando, Pausada,
            When(CampanhaSemPendentes)
                // The event may be stale: a row may have gone back to pendente since it was published.
                .IfAsync(context => context.GetServiceOrCreateInstance<IEnviosCampanha>()
                        .TodosFinaisAsync(context.Saga.CampanhaId, context.CancellationToken),
                    concluir => concluir
                        .Then(context => context.Saga.DataConclusao = Agora())
                        .TransitionTo(Concluida)
                        .Publish(context => new CampanhaConcluida(context.Saga.CorrelationId, context.Saga.CampanhaId,
                            context.Saga.DataConclusao!.Value))));

        // Final: rows already given a slot go back to pendente (their delayed messages find nothing to send, and the
        // sender claims only for a campaign enviando); rows in flight finish and are counted; reenviar picks up the rest.
        During(Agendada, Enviando, Pausada,
            When(CampanhaFalhou)
                .Then(context =>
                {
                    context.Saga.MotivoPausa = Motivo(context.Message.Motivo);
                    context.Saga.DataConclusao = Agora();
                })
                .TransitionTo(Erro)
                .Activity(x => x.OfInstanceType<DevolverAgendadosActivity>()));

        OnUnhandledEvent(RecusarOuIgnorar);
    }

    public const string MotivoPausaPadrao = "Pausada pelo operador";

    // motivo_pausa is varchar(500): a longer reason would fail the UPDATE on every retry.
    const int TamanhoMotivo = 500;

    static string Motivo(string motivo) => motivo.Length <= TamanhoMotivo ? motivo : motivo[..(TamanhoMotivo - 1)] + "…";

    // The row's datetime columns keep whole seconds: the published events carry the same value the row does.
    static DateTime Agora()
    {
        var agora = DateTime.UtcNow;
        return agora.AddTicks(-(agora.Ticks % TimeSpan.TicksPerSecond));
    }

    static void IniciarEnvio(CampanhaEstado campanha)
    {
        campanha.DataInicio ??= Agora();
        campanha.MotivoPausa = null;
    }

    EventActivityBinder<CampanhaEstado, T> IniciarEnvio<T>(EventActivityBinder<CampanhaEstado, T> binder) where T : class =>
        binder
            .Then(context => IniciarEnvio(context.Saga))
            .TransitionTo(Enviando)
            .Publish(Iniciada);

    static void RegistrarPausa(BehaviorContext<CampanhaEstado, PausarCampanha> context)
    {
        context.Saga.MotivoPausa = Motivo(context.Message.Motivo ?? MotivoPausaPadrao);
        context.Saga.PausadaPelaInstancia = context.Message.PelaInstancia;
    }

    static CampanhaPausada AvisoDePausa(BehaviorContext<CampanhaEstado, PausarCampanha> context) =>
        new(context.Saga.CorrelationId, context.Saga.CampanhaId, context.Saga.MotivoPausa);

    static CampanhaIniciada Iniciada<T>(BehaviorContext<CampanhaEstado, T> context) where T : class =>
        new(context.Saga.CorrelationId, context.Saga.CampanhaId, context.Saga.DataInicio!.Value);

    static TransicaoAceita Aceita<T>(BehaviorContext<CampanhaEstado, T> context) where T : class =>
        new(context.Saga.CampanhaId, context.Saga.Status);

    static TransicaoRecusada Recusada(CampanhaEstado campanha, string motivo) => new(campanha.CampanhaId, campanha.Status, motivo);

    /// <summary>A command the current state does not allow is answered with the reason; a stale event is dropped.</summary>
    Task RecusarOuIgnorar(UnhandledEventContext<CampanhaEstado> context)
    {
        var status = context.Saga.Status;
        string? motivo = context.Event.Name switch
        {
            nameof(IniciarCampanha) => MotivosRecusa.Iniciar(status),
            nameof(PausarCampanha) => MotivosRecusa.Pausar(status),
            // Nobody waits for an automatic resume: one that no longer applies is dropped, not refused.
            nameof(RetomarCampanha) when context.TryGetMessage<RetomarCampanha>(out var retomar) && retomar.Message.Automatica => null,
            nameof(RetomarCampanha) => MotivosRecusa.Retomar(status),
            nameof(CancelarCampanha) => MotivosRecusa.Cancelar(status),
            _ => null,
        };
        return motivo is null
            ? context.Ignore()
            : context.RespondAsync(Recusada(context.Saga, motivo));
    }

    /// <summary>A command correlates by campaign id; for an id with no row it is refused (the API answers 404).</summary>
    void Comando<T>(Expression<Func<Event<T>>> evento, Func<T, int> campanhaId) where T : class =>
        Event(evento, x =>
        {
            x.CorrelateById(context => CampanhaCorrelation.ParaGuid(campanhaId(context.Message)));
            x.OnMissingInstance(m => m.ExecuteAsync(context => context.RespondAsync(new TransicaoRecusada(
                campanhaId(context.Message), MotivosRecusa.StatusInexistente, MotivosRecusa.CampanhaInexistente(campanhaId(context.Message))))));
        });

    /// <summary>An event for a campaign that no longer exists has nothing to act on.</summary>
    void Evento<T>(Expression<Func<Event<T>>> evento, Func<T, int> campanhaId) where T : class =>
        Event(evento, x =>
        {
            x.CorrelateById(context => CampanhaCorrelation.ParaGuid(campanhaId(context.Message)));
            x.OnMissingInstance(m => m.Discard());
        });

    public State Rascunho { get; } = null!;
    public State Agendada { get; } = null!;
    public State Enviando { get; } = null!;
    public State Pausada { get; } = null!;
    public State Concluida { get; } = null!;
    public State Cancelada { get; } = null!;
    public State Erro { get; } = null!;

    public Event<IniciarCampanha> IniciarCampanha { get; } = null!;
    public Event<PausarCampanha> PausarCampanha { get; } = null!;
    public Event<RetomarCampanha> RetomarCampanha { get; } = null!;
    public Event<CancelarCampanha> CancelarCampanha { get; } = null!;
    public Event<AgendamentoAtingido> AgendamentoAtingido { get; } = null!;
    public Event<CampanhaSemPendentes> CampanhaSemPendentes { get; } = null!;
    public Event<CampanhaFalhou> CampanhaFalhou { get; } = null!;
}

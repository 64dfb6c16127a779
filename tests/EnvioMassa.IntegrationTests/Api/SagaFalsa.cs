using System.Collections.Concurrent;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using MassTransit;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// Stands in for the campaign saga (tested elsewhere): answers the four campaign commands the way a test scripted
/// for that campaign — accept with a status, refuse naming the current state, or stay silent — and records them.
/// Unscripted commands are accepted with the status the saga would move to.
/// </summary>
public sealed class SagaFalsa :
    IConsumer<IniciarCampanha>, IConsumer<PausarCampanha>, IConsumer<RetomarCampanha>, IConsumer<CancelarCampanha>
{
    public abstract record Resposta;
    public sealed record Aceitar(string Status) : Resposta;
    public sealed record Recusar(string StatusAtual, string Motivo) : Resposta;
    public sealed record Silenciar : Resposta;

    readonly ConcurrentDictionary<int, Resposta> _roteiro = new();

    public ConcurrentQueue<object> Recebidos { get; } = new();

    public void Responder(int campanhaId, Resposta resposta) => _roteiro[campanhaId] = resposta;

    public Task Consume(ConsumeContext<IniciarCampanha> context) =>
        ResponderAsync(context, context.Message.CampanhaId,
            context.Message.AgendarPara is null ? StatusCampanha.Enviando : StatusCampanha.Agendada);

    public Task Consume(ConsumeContext<PausarCampanha> context) =>
        ResponderAsync(context, context.Message.CampanhaId, StatusCampanha.Pausada);

    public Task Consume(ConsumeContext<RetomarCampanha> context) =>
        ResponderAsync(context, context.Message.CampanhaId, StatusCampanha.Enviando);

    public Task Consume(ConsumeContext<CancelarCampanha> context) =>
        ResponderAsync(context, context.Message.CampanhaId, StatusCampanha.Cancelada);

    async Task ResponderAsync<T>(ConsumeContext<T> context, int campanhaId, string proximo) where T : class
    {
        Recebidos.Enqueue(context.Message);
        switch (_roteiro.GetValueOrDefault(campanhaId, new Aceitar(proximo)))
        {
            case Aceitar a:
                await context.RespondAsync(new TransicaoAceita(campanhaId, a.Status));
                break;
            case Recusar r:
                await context.RespondAsync(new TransicaoRecusada(campanhaId, r.StatusAtual, r.Motivo));
                break;
        }
    }

}

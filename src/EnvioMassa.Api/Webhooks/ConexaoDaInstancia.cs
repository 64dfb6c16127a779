using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Webhooks;

/// <summary>
/// <c>connection.update</c>: records the instance's state and, on <c>close</c> or <c>refused</c>, pauses its sending
/// campaigns (P5); on <c>open</c> resumes the ones waiting for it. Which event is newest is decided as ADR 0005 says:
/// the state is dated by its receipt, on our clock; Evolution's <c>date_time</c> only orders the instance's own events.
/// </summary>
public sealed class ConexaoDaInstancia(EnvioMassaDbContext db, IPublishEndpoint publish, IOptions<RabbitMqOptions> rabbit,
    TimeProvider relogio, ILogger<ConexaoDaInstancia> logger)
{
    /// <summary>
    /// Evolution gives up retrying an event after about 25 minutes (10 attempts, 5 s doubling to 300 s). An event dated
    /// further back than this before the last one applied is therefore not a late retry: Evolution's clock moved (a
    /// restart in another time zone) and the event is new.
    /// </summary>
    public static readonly TimeSpan RelogioMudou = TimeSpan.FromHours(1);

    static readonly string[] EstadosConhecidos =
        [EstadoInstancia.Open, EstadoInstancia.Connecting, EstadoInstancia.Close, EstadoInstancia.Refused];

    public async Task<WebhookSaida> AplicarAsync(EventoEvolution evento, CancellationToken ct)
    {
        var dados = evento.Itens().FirstOrDefault();
        var instancia = dados.Texto("instance") ?? evento.Instance;
        var estado = dados.Texto("state")?.ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(instancia) || estado is null || !EstadosConhecidos.Contains(estado))
            return new WebhookSaida("ignorado: sem instância ou estado reconhecido");

        var recebidoEm = relogio.GetUtcNow().UtcDateTime;
        var doEvolution = evento.RelogioDoEvolution();
        var mudancaDeRelogio = doEvolution + RelogioMudou;
        var alteradas = await db.Instancias
            .Where(i => i.EvolutionInstance == instancia && i.ExcluidaEm == null && (doEvolution == null || i.EstadoEventoEm == null
                || i.EstadoEventoEm <= doEvolution || i.EstadoEventoEm > mudancaDeRelogio))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Estado, estado)
                .SetProperty(i => i.EstadoAtualizadoEm, recebidoEm)
                .SetProperty(i => i.EstadoEventoEm, i => doEvolution ?? i.EstadoEventoEm), ct);
        logger.LogInformation("Instância {Instancia} informou estado {Estado} (registrado: {Registrado})", instancia, estado, alteradas > 0);
        if (alteradas == 0)
            return new WebhookSaida("ignorado: instância não cadastrada ou evento anterior ao último aplicado");

        var campanhasDaInstancia = db.Campanhas.AsNoTracking().Where(c => c.Instancia!.EvolutionInstance == instancia && c.Instancia.ExcluidaEm == null);
        switch (estado)
        {
            case EstadoInstancia.Close or EstadoInstancia.Refused:
            {
                var enviando = await campanhasDaInstancia.Where(c => c.Status == StatusCampanha.Enviando).Select(c => c.Id).ToListAsync(ct);
                var motivo = MotivoDaPausa(instancia, estado);
                return await PedirAsync(enviando, id => new PausarCampanha(CampanhaCorrelation.ParaGuid(id), id, motivo, PelaInstancia: true),
                    "pausa", LogLevel.Warning, instancia, estado, ct);
            }
            case EstadoInstancia.Open:
            {
                var aguardando = await campanhasDaInstancia.AguardandoInstancia().Select(c => c.Id).ToListAsync(ct);
                return await PedirAsync(aguardando, id => new RetomarCampanha(CampanhaCorrelation.ParaGuid(id), id, Automatica: true),
                    "retomada automática", LogLevel.Information, instancia, estado, ct);
            }
            default:
                return new WebhookSaida("estado registrado");
        }
    }

    static string MotivoDaPausa(string instancia, string estado) => estado == EstadoInstancia.Refused
        ? $"Pausada automaticamente: a instância {instancia} não está conectada ao WhatsApp: o Evolution parou de gerar QR codes " +
          $"(estado '{estado}'). Gere um novo QR code no Evolution, conecte o número e retome a campanha; com a retomada " +
          "automática ligada, ela volta sozinha."
        : $"Pausada automaticamente: a instância {instancia} foi desconectada do WhatsApp (o Evolution avisou o estado " +
          $"'{estado}'). Conecte o número e retome a campanha; com a retomada automática ligada, ela volta sozinha.";

    /// <summary>
    /// A fire-and-forget command for each campaign: the saga applies it (or refuses or drops it, if the campaign moved
    /// on), nobody waits for its answer. A broker that does not take the message in time does not fail the webhook: the
    /// state is recorded, and the scheduler's poll does the same within its interval.
    /// </summary>
    async Task<WebhookSaida> PedirAsync<T>(IReadOnlyList<int> campanhas, Func<int, T> comando, string pedido, LogLevel nivel,
        string instancia, string estado, CancellationToken ct) where T : class
    {
        var pedidas = 0;
        foreach (var id in campanhas)
        {
            try
            {
                await PublicacaoComPrazo.ExecutarAsync(limite => publish.Publish(comando(id), limite), rabbit.Value.PublishTimeout, pedido, ct);
                pedidas++;
                logger.Log(nivel, "Campanha {CampanhaId}: {Pedido} pedida, instância {Instancia} em {Estado}", id, pedido, instancia, estado);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "Campanha {CampanhaId}: {Pedido} (instância {Instancia} em {Estado}) não publicada; a verificação periódica fará o mesmo",
                    id, pedido, instancia, estado);
            }
        }

        return new WebhookSaida(pedidas > 0 ? $"estado registrado; {pedido} pedida para {pedidas} campanha(s)" : "estado registrado");
    }
}

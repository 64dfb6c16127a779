using System.Text.Json;
using System.Text.Json.Serialization;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.Evolution;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// Evolution API's webhooks (v2 envelope). The shared secret in <c>X-Webhook-Token</c> is checked before the body is
/// read. Every well-formed event is answered 200 at once, also the ones not acted on, so Evolution does not retry
/// them; for now only <c>connection.update</c> is acted on: the instance's state is recorded; on <c>close</c> the
/// instance's sending campaigns are paused (P5), on <c>open</c> the ones waiting for it are resumed automatically.
/// </summary>
public static class WebhooksEndpoints
{
    public const string TokenHeader = "X-Webhook-Token";
    static readonly string[] EventosConhecidos = ["messages.update", "messages.upsert", "connection.update", "send.message"];

    public static WebApplication MapWebhooksEndpoints(this WebApplication app)
    {
        app.MapPost("/webhooks/evolution", Receber).WithTags("Webhooks").AllowAnonymous();
        return app;
    }

    /// <summary>How long the webhook waits for the broker before answering anyway (the scheduler's poll is the backstop).</summary>
    static readonly TimeSpan EsperaPublicacao = TimeSpan.FromSeconds(5);

    static async Task<IResult> Receber(HttpRequest request, IOptions<EvolutionOptions> evolution, EnvioMassaDbContext db,
        IPublishEndpoint publish, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!Segredo.Confere(request.Headers[TokenHeader], evolution.Value.WebhookToken))
            return Results.Problem(statusCode: 401, title: ProblemDetailsExtensions.Titulo(401),
                detail: $"Envie o segredo do webhook no cabeçalho {TokenHeader}.");

        EventoEvolution? evento;
        try
        {
            evento = await JsonSerializer.DeserializeAsync<EventoEvolution>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            return Problemas.Invalido("corpo", "O corpo não é um evento do Evolution em JSON.");
        }
        if (string.IsNullOrWhiteSpace(evento?.Event))
            return Problemas.Invalido("event", "O envelope do Evolution precisa de 'event'.");

        var logger = loggers.CreateLogger(typeof(WebhooksEndpoints));
        var nomeDoEvento = evento.Event.Trim().ToLowerInvariant().Replace('_', '.');
        if (nomeDoEvento == "connection.update")
            return Results.Ok(await ConexaoAsync(evento, db, publish, logger, ct));

        logger.LogDebug("Webhook {Evento} da instância {Instancia} ignorado", nomeDoEvento, evento.Instance);
        return Results.Ok(new WebhookSaida(EventosConhecidos.Contains(nomeDoEvento) ? "ignorado" : "evento desconhecido, ignorado"));
    }

    static async Task<WebhookSaida> ConexaoAsync(EventoEvolution evento, EnvioMassaDbContext db, IPublishEndpoint publish,
        ILogger logger, CancellationToken ct)
    {
        var instancia = Texto(evento.Data, "instance") ?? evento.Instance;
        var estado = Texto(evento.Data, "state")?.ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(instancia) || estado is not (EstadoInstancia.Open or EstadoInstancia.Connecting or EstadoInstancia.Close))
            return new WebhookSaida("ignorado: sem instância ou estado reconhecido");

        // Webhooks can arrive out of order: an older event never overwrites a newer state. A time ahead of ours
        // (Evolution's clock, or a bogus date) counts as now, so it cannot freeze the state.
        var agora = DateTime.UtcNow;
        var quando = evento.DateTime?.UtcDateTime is { } informado && informado < agora ? informado : agora;
        var alteradas = await db.Instancias
            .Where(i => i.EvolutionInstance == instancia && (i.EstadoAtualizadoEm == null || i.EstadoAtualizadoEm <= quando))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Estado, estado)
                .SetProperty(i => i.EstadoAtualizadoEm, quando), ct);
        logger.LogInformation("Instância {Instancia} informou estado {Estado} (registrado: {Registrado})", instancia, estado, alteradas > 0);
        if (alteradas == 0)
            return new WebhookSaida("ignorado: instância não cadastrada ou evento antigo");

        var campanhasDaInstancia = db.Campanhas.AsNoTracking().Where(c => c.Instancia!.EvolutionInstance == instancia);
        switch (estado)
        {
            case EstadoInstancia.Close:
            {
                var enviando = await campanhasDaInstancia.Where(c => c.Status == StatusCampanha.Enviando).Select(c => c.Id).ToListAsync(ct);
                var motivo = $"Pausada automaticamente: a instância {instancia} foi desconectada do WhatsApp " +
                             $"(o Evolution avisou o estado '{estado}'). Conecte o número e retome a campanha; " +
                             "com a retomada automática ligada, ela volta sozinha.";
                return await PedirAsync(enviando, id => new PausarCampanha(CampanhaCorrelation.ParaGuid(id), id, motivo, PelaInstancia: true),
                    "pausa", LogLevel.Warning, instancia, estado, publish, logger, ct);
            }
            case EstadoInstancia.Open:
            {
                var aguardando = await campanhasDaInstancia.AguardandoInstancia().Select(c => c.Id).ToListAsync(ct);
                return await PedirAsync(aguardando, id => new RetomarCampanha(CampanhaCorrelation.ParaGuid(id), id, Automatica: true),
                    "retomada automática", LogLevel.Information, instancia, estado, publish, logger, ct);
            }
            default:
                return new WebhookSaida("estado registrado");
        }
    }

    /// <summary>
    /// A fire-and-forget command for each campaign: the saga applies it (or refuses or drops it, if the campaign moved
    /// on), nobody waits for its answer. A broker that does not take the message in time does not fail the webhook: the
    /// state is recorded, and the scheduler's poll does the same within its interval.
    /// </summary>
    static async Task<WebhookSaida> PedirAsync<T>(IReadOnlyList<int> campanhas, Func<int, T> comando, string pedido, LogLevel nivel,
        string instancia, string estado, IPublishEndpoint publish, ILogger logger, CancellationToken ct) where T : class
    {
        using var prazo = CancellationTokenSource.CreateLinkedTokenSource(ct);
        prazo.CancelAfter(EsperaPublicacao);
        var pedidas = 0;
        foreach (var id in campanhas)
        {
            try
            {
                await publish.Publish(comando(id), prazo.Token);
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

    static string? Texto(JsonElement? data, string propriedade) =>
        data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(propriedade, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}

/// <summary>The fields of Evolution's envelope the API reads (its <c>apikey</c> is deliberately not among them).</summary>
public sealed record EventoEvolution(
    string? Event,
    string? Instance,
    JsonElement? Data,
    [property: JsonPropertyName("date_time")] DateTimeOffset? DateTime);

public sealed record WebhookSaida(string Resultado);

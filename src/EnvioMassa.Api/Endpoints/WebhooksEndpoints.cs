using System.Text.Json;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Api.Webhooks;
using EnvioMassa.Evolution;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// Evolution API's webhooks (v2 envelope), at <c>/webhooks/evolution</c> and, for Evolution's <c>byEvents</c>, at
/// <c>/webhooks/evolution/{event}</c>. The secret (<see cref="AutenticacaoDoWebhook"/>) is checked before the body is
/// read. Every well-formed event is answered 200 at once, also the ones not acted on, so Evolution does not retry
/// them; a 503 (the broker did not take the work in time) is retried by Evolution.
/// </summary>
public static class WebhooksEndpoints
{
    public const string TokenHeader = AutenticacaoDoWebhook.TokenHeader;

    static readonly string[] EventosConhecidos = ["messages.update", "messages.upsert", "connection.update", "send.message"];

    public static WebApplication MapWebhooksEndpoints(this WebApplication app)
    {
        var webhooks = app.MapGroup("/webhooks/evolution").WithTags("Webhooks").AllowAnonymous();
        webhooks.MapPost("/", (HttpRequest request, IServiceProvider services, CancellationToken ct) => ReceberAsync(request, null, services, ct))
            .WithSummary("Evento do Evolution (envelope v2)").Webhook();
        webhooks.MapPost("/{evento}", (string evento, HttpRequest request, IServiceProvider services, CancellationToken ct) =>
            ReceberAsync(request, evento, services, ct))
            .WithSummary("Evento do Evolution com byEvents: true (connection-update, messages-update, messages-upsert, …)").Webhook();
        return app;
    }

    static RouteHandlerBuilder Webhook(this RouteHandlerBuilder rota) => rota
        .Accepts<EventoEvolution>("application/json").Produces<WebhookSaida>().ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    static async Task<IResult> ReceberAsync(HttpRequest request, string? eventoNaRota, IServiceProvider services, CancellationToken ct)
    {
        var segredo = services.GetRequiredService<IOptions<EvolutionOptions>>().Value.WebhookToken;
        var autenticacao = await AutenticacaoDoWebhook.AutenticarAsync(request, segredo);
        if (!autenticacao.Autenticado)
            return Results.Problem(statusCode: 401, title: ProblemDetailsExtensions.Titulo(401),
                detail: $"Envie o segredo do webhook (Evolution:WebhookToken) no cabeçalho {TokenHeader}, como Authorization: Bearer " +
                        "<JWT do jwt_key do Evolution> ou na URL em ?token=.");

        EventoEvolution? evento;
        try
        {
            evento = await JsonSerializer.DeserializeAsync<EventoEvolution>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            return Problemas.Invalido("corpo", "O corpo não é um evento do Evolution em JSON.");
        }

        var nome = evento?.Event ?? eventoNaRota ?? autenticacao.EventoNaUrl;
        if (evento is null || string.IsNullOrWhiteSpace(nome))
            return Problemas.Invalido("event", "O envelope do Evolution precisa de 'event'.");

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhooksEndpoints));
        var nomeDoEvento = EventoEvolution.Normalizar(nome);
        try
        {
            return nomeDoEvento switch
            {
                "connection.update" => Results.Ok(await services.GetRequiredService<ConexaoDaInstancia>().AplicarAsync(evento, ct)),
                "messages.update" => Results.Ok(await services.GetRequiredService<MensagensDoWhatsApp>().AtualizacoesAsync(evento, ct)),
                "messages.upsert" => Results.Ok(await services.GetRequiredService<MensagensDoWhatsApp>().RecebidasAsync(evento, ct)),
                _ => Ignorado(),
            };
        }
        catch (TimeoutException e)
        {
            logger.LogWarning("Webhook {Evento} da instância {Instancia} recusado com 503: {Erro}", nomeDoEvento, evento.Instance, e.Message);
            return Results.Problem(statusCode: 503, title: ProblemDetailsExtensions.Titulo(503),
                detail: "O evento não pôde ser entregue ao RabbitMQ a tempo; o Evolution tentará de novo.");
        }

        IResult Ignorado()
        {
            logger.LogDebug("Webhook {Evento} da instância {Instancia} ignorado", nomeDoEvento, evento.Instance);
            return Results.Ok(new WebhookSaida(EventosConhecidos.Contains(nomeDoEvento) ? "ignorado" : "evento desconhecido, ignorado"));
        }
    }
}

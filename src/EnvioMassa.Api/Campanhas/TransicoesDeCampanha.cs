using EnvioMassa.Api.Endpoints;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Campanhas;

/// <summary>
/// Asks the campaign saga for a transition and turns its answer into HTTP: <see cref="TransicaoAceita"/> → 202,
/// <see cref="TransicaoRecusada"/> → 409 naming the current state, no answer in time → 503. The saga is the only
/// one that decides whether a transition is allowed.
/// </summary>
public sealed class TransicoesDeCampanha(IServiceProvider services, IOptions<ApiOptions> options, ILogger<TransicoesDeCampanha> logger)
{
    public async Task<IResult> PedirAsync<T>(T comando, int campanhaId, string acao, CancellationToken ct) where T : class
    {
        var client = services.GetRequiredService<IRequestClient<T>>();
        try
        {
            var resposta = await client.GetResponse<TransicaoAceita, TransicaoRecusada>(
                comando, ct, RequestTimeout.After(ms: (int)options.Value.TransicaoTimeout.TotalMilliseconds));
            if (resposta.Is(out Response<TransicaoAceita>? aceita))
            {
                logger.LogInformation("Campanha {CampanhaId}: {Acao} aceito, status {Status}", campanhaId, acao, aceita.Message.Status);
                return Results.Accepted($"/api/campanhas/{campanhaId}", new TransicaoSaida(campanhaId, aceita.Message.Status));
            }

            resposta.Is(out Response<TransicaoRecusada>? recusada);
            var r = recusada!.Message;
            logger.LogInformation("Campanha {CampanhaId}: {Acao} recusado em {Status}: {Motivo}", campanhaId, acao, r.StatusAtual, r.Motivo);
            return Problemas.Conflito(
                $"Não é possível {acao} a campanha {campanhaId}: ela está '{r.StatusAtual}'. {r.Motivo}".TrimEnd(),
                new Dictionary<string, object?> { ["statusAtual"] = r.StatusAtual, ["motivo"] = r.Motivo });
        }
        catch (RequestTimeoutException)
        {
            logger.LogWarning("Campanha {CampanhaId}: {Acao} sem resposta do orquestrador em {Timeout}",
                campanhaId, acao, options.Value.TransicaoTimeout);
            return Results.Problem(statusCode: 503, title: ProblemDetailsExtensions.Titulo(503),
                detail: $"O orquestrador de campanhas não respondeu em {options.Value.TransicaoTimeout.TotalSeconds:0.#} s. " +
                        "O pedido pode ainda ser processado: consulte a campanha antes de repetir.");
        }
    }
}

public sealed record TransicaoSaida(int Id, string Status);

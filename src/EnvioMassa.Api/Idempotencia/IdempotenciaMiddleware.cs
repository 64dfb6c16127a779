using System.Data;
using System.Security.Cryptography;
using System.Text;
using EnvioMassa.Api.Endpoints;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace EnvioMassa.Api.Idempotencia;

/// <summary>
/// On routes marked <see cref="AceitaIdempotencyKey"/> and calls that send the header: takes the key in a transaction on
/// the request's <see cref="EnvioMassaDbContext"/>, runs the handler (whose SaveChanges and SQL join that transaction),
/// stores the answer in the key's row and commits — the effect and the key commit together or not at all. The answer
/// is buffered and reaches the client only after the commit. Answers ≥ 500 roll back, so the key is free for a retry.
/// </summary>
public sealed class IdempotenciaMiddleware(RequestDelegate next, ILogger<IdempotenciaMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, EnvioMassaDbContext db, RegistroDeIdempotencia registro)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AceitaIdempotencyKey>() is null
            || !http.Request.Headers.TryGetValue(AceitaIdempotencyKey.Cabecalho, out var valores))
        {
            await next(http);
            return;
        }

        if (Invalida(valores) is { } erro)
        {
            await Problemas.Invalido(AceitaIdempotencyKey.Cabecalho, erro).ExecuteAsync(http);
            return;
        }

        var ct = http.RequestAborted;
        var chave = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(valores[0]!)));
        var requisicao = await ResumoDaRequisicaoAsync(http.Request, ct);

        // READ COMMITTED: each statement of the handler sees what others committed, as it does without the header (every
        // statement its own transaction); ImportacaoDeClientes' retry after a lost race on a phone relies on that.
        await using var transacao = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var reserva = await registro.ReservarAsync(chave, requisicao, ct);
        if (reserva is not Reserva.Tomada)
        {
            await SemExecutarAsync(http, reserva);
            return;
        }

        var resposta = await ExecutarAsync(http);
        if (resposta.Status >= 500)
        {
            await transacao.RollbackAsync(CancellationToken.None);
            logger.LogInformation("Resposta {Status} não guardada para a Idempotency-Key: a chave fica livre", resposta.Status);
        }
        else
        {
            // Once the handler has acted, the answer is kept even if the client went away: its retry then replays it
            // instead of acting again.
            await registro.GuardarAsync(chave, resposta, CancellationToken.None);
            await transacao.CommitAsync(CancellationToken.None);
        }
        await ResponderAsync(http, resposta, repetida: false);
    }

    /// <summary>The key is not this call's: replay the stored answer, or say why nothing was done.</summary>
    static async Task SemExecutarAsync(HttpContext http, Reserva reserva)
    {
        switch (reserva)
        {
            case Reserva.Respondida r:
                await ResponderAsync(http, r.Resposta, repetida: true);
                break;
            case Reserva.OutraRequisicao:
                await Results.Problem(statusCode: 422, title: "Idempotency-Key já usada",
                    detail: $"Esta {AceitaIdempotencyKey.Cabecalho} já foi usada nas últimas 24 h com outra requisição " +
                            "(outro método, rota ou corpo). Para um pedido novo, use uma chave nova.").ExecuteAsync(http);
                break;
            case Reserva.EmAndamento:
                http.Response.Headers.RetryAfter = "1";
                await Results.Problem(statusCode: 409, title: ProblemDetailsExtensions.Titulo(409),
                    detail: $"Uma requisição com esta {AceitaIdempotencyKey.Cabecalho} ainda está em andamento. " +
                            "Repita em alguns segundos para receber a resposta dela.").ExecuteAsync(http);
                break;
        }
    }

    static string? Invalida(StringValues valores)
    {
        if (valores.Count != 1)
            return $"Envie um único cabeçalho {AceitaIdempotencyKey.Cabecalho} por requisição.";
        var valor = valores[0];
        if (string.IsNullOrWhiteSpace(valor))
            return $"O cabeçalho {AceitaIdempotencyKey.Cabecalho} está vazio: envie uma chave (ex.: um UUID) ou não envie o cabeçalho.";
        if (valor.Length > AceitaIdempotencyKey.TamanhoMaximo)
            return $"O cabeçalho {AceitaIdempotencyKey.Cabecalho} tem {valor.Length} caracteres; o máximo é {AceitaIdempotencyKey.TamanhoMaximo}.";
        return null;
    }

    /// <summary>SHA-256 of the method, the path and the body: what makes a call "the same request".</summary>
    static async Task<string> ResumoDaRequisicaoAsync(HttpRequest request, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}\n".ToLowerInvariant()));
        // The handler reads the body again after this.
        request.EnableBuffering();
        var pedaco = new byte[16 * 1024];
        int lidos;
        while ((lidos = await request.Body.ReadAsync(pedaco, ct)) > 0)
            hash.AppendData(pedaco, 0, lidos);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Runs the handler with its answer captured, so nothing reaches the client before the key commits.</summary>
    async Task<RespostaGuardada> ExecutarAsync(HttpContext http)
    {
        var corpoDoCliente = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = corpoDoCliente;
        }
        var location = http.Response.Headers.Location.ToString();
        return new RespostaGuardada(http.Response.StatusCode, http.Response.ContentType,
            location.Length == 0 ? null : location, buffer.ToArray());
    }

    static async Task ResponderAsync(HttpContext http, RespostaGuardada resposta, bool repetida)
    {
        http.Response.StatusCode = resposta.Status;
        http.Response.ContentType = resposta.ContentType;
        if (resposta.Location is not null)
            http.Response.Headers.Location = resposta.Location;
        if (repetida)
            http.Response.Headers[AceitaIdempotencyKey.CabecalhoDeRepeticao] = "true";
        http.Response.ContentLength = resposta.Corpo.Length;
        await http.Response.Body.WriteAsync(resposta.Corpo, http.RequestAborted);
    }
}

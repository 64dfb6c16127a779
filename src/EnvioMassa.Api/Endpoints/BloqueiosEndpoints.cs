using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Endpoints;

/// <summary>
/// The blocklist: phones never messaged again. Customers land here by replying an opt-out word (the worker) or by the
/// operator; blocking by hand does what a reply does (<see cref="Bloqueios"/>). Unblocking lets the phone be added to
/// new campaigns; rows already <c>bloqueado</c> stay so.
/// </summary>
public static class BloqueiosEndpoints
{
    public static RouteGroupBuilder MapBloqueiosEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/bloqueios").WithTags("Bloqueios");
        group.MapGet("/", Listar).WithSummary("Lista os telefones bloqueados, os mais recentes primeiro")
            .Produces<BloqueiosPagina>().ProducesValidationProblem();
        group.MapPost("/", Bloquear).WithSummary("Bloqueia um telefone: os envios pendentes dele viram 'bloqueado' em todas as campanhas")
            .Produces<BloqueioSaida>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{telefone}", Desbloquear).WithSummary("Desbloqueia um telefone para campanhas novas")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<IResult> Listar(EnvioMassaDbContext db, CancellationToken ct, int pagina = 1, int tamanho = 50)
    {
        var erros = new Erros();
        erros.Faixa("pagina", pagina, 1, int.MaxValue);
        erros.Faixa("tamanho", tamanho, 1, 500);
        if (erros.Algum)
            return erros.Resultado();
        var total = await db.Bloqueios.CountAsync(ct);
        var itens = await db.Bloqueios.AsNoTracking().OrderByDescending(b => b.CriadoEm).ThenBy(b => b.Telefone)
            .Skip((pagina - 1) * tamanho).Take(tamanho)
            .Select(b => new BloqueioSaida(b.Telefone, b.Motivo, b.Origem, b.CriadoEm)).ToListAsync(ct);
        return Results.Ok(new BloqueiosPagina(pagina, tamanho, total, itens));
    }

    static async Task<IResult> Bloquear(BloqueioEntrada entrada, EnvioMassaDbContext db, CancellationToken ct)
    {
        if (!Telefone.TryNormalizar(entrada.Telefone, out var telefone, out var motivoInvalido))
            return Problemas.Invalido("telefone", $"Telefone inválido '{entrada.Telefone}': {motivoInvalido}.");
        if (entrada.Motivo?.Length > 500)
            return Problemas.Invalido("motivo", "'motivo' tem mais de 500 caracteres.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await Bloqueios.BloquearAsync(db, telefone, entrada.Motivo?.Trim(), Bloqueio.OrigemOperador, ct))
            return Problemas.Conflito($"O telefone {telefone} já está bloqueado.");
        await tx.CommitAsync(ct);
        var criado = await db.Bloqueios.AsNoTracking().SingleAsync(b => b.Telefone == telefone, ct);
        return Results.Created($"/api/bloqueios/{telefone}", new BloqueioSaida(criado.Telefone, criado.Motivo, criado.Origem, criado.CriadoEm));
    }

    static async Task<IResult> Desbloquear(string telefone, EnvioMassaDbContext db, CancellationToken ct)
    {
        if (!Telefone.TryNormalizar(telefone, out var digitos, out var motivoInvalido))
            return Problemas.Invalido("telefone", $"Telefone inválido '{telefone}': {motivoInvalido}.");
        var removidos = await db.Bloqueios.Where(b => b.Telefone == digitos).ExecuteDeleteAsync(ct);
        return removidos == 0 ? Problemas.NaoEncontrado($"O bloqueio do telefone {digitos}") : Results.NoContent();
    }
}

public sealed record BloqueioEntrada(string? Telefone, string? Motivo);

/// <param name="Origem"><c>resposta</c> (the customer replied an opt-out word) or <c>operador</c>.</param>
public sealed record BloqueioSaida(string Telefone, string? Motivo, string Origem, DateTime CriadoEm);

public sealed record BloqueiosPagina(int Pagina, int Tamanho, int Total, IReadOnlyList<BloqueioSaida> Itens);

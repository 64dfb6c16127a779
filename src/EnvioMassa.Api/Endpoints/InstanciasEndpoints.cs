using EnvioMassa.Api.Extensions;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Endpoints;

public static class InstanciasEndpoints
{
    public static RouteGroupBuilder MapInstanciasEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instancias").WithTags("Instâncias");
        group.MapPost("/", Criar).WithSummary("Cadastra uma instância (um número de WhatsApp no Evolution)")
            .Produces<InstanciaSaida>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", Listar).WithSummary("Lista as instâncias com o estado da conexão")
            .Produces<IEnumerable<InstanciaSaida>>();
        group.MapGet("/{id:int}", Obter).WithSummary("Uma instância")
            .Produces<InstanciaSaida>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<IResult> Criar(InstanciaEntrada entrada, EnvioMassaDbContext db, CancellationToken ct)
    {
        var erros = new Erros();
        var nome = erros.Texto("nome", entrada.Nome, 255);
        var evolutionInstance = erros.Texto("evolutionInstance", entrada.EvolutionInstance, 255);
        if (evolutionInstance.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '%'))
            erros.Adicionar("evolutionInstance", "'evolutionInstance' não pode ter espaços nem os caracteres / ? # %.");
        if (entrada.ApiKey?.Length > 255)
            erros.Adicionar("apiKey", "'apiKey' tem mais de 255 caracteres.");
        if (erros.Algum)
            return erros.Resultado();

        if (await db.Instancias.AnyAsync(i => i.EvolutionInstance == evolutionInstance, ct))
            return JaExiste(evolutionInstance);

        var instancia = new Instancia
        {
            Nome = nome,
            EvolutionInstance = evolutionInstance,
            ApiKey = string.IsNullOrWhiteSpace(entrada.ApiKey) ? null : entrada.ApiKey.Trim(),
        };
        db.Instancias.Add(instancia);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.EhChaveDuplicada())
        {
            return JaExiste(evolutionInstance);
        }
        return Results.Created($"/api/instancias/{instancia.Id}", InstanciaSaida.De(instancia));
    }

    static async Task<IResult> Obter(int id, EnvioMassaDbContext db, CancellationToken ct) =>
        await db.Instancias.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } instancia
            ? Results.Ok(InstanciaSaida.De(instancia))
            : Problemas.NaoEncontrado($"A instância {id}");

    static async Task<IResult> Listar(EnvioMassaDbContext db, CancellationToken ct) =>
        Results.Ok((await db.Instancias.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct)).Select(InstanciaSaida.De));

    static IResult JaExiste(string evolutionInstance) =>
        Problemas.Conflito($"Já existe uma instância cadastrada para a instância '{evolutionInstance}' do Evolution.");
}

public sealed record InstanciaEntrada(string? Nome, string? EvolutionInstance, string? ApiKey);

/// <summary>What the API shows of an instance: never its Evolution key.</summary>
public sealed record InstanciaSaida(int Id, string Nome, string EvolutionInstance, string Estado, DateTime? EstadoAtualizadoEm)
{
    public static InstanciaSaida De(Instancia i) =>
        new(i.Id, i.Nome, i.EvolutionInstance, i.Estado, i.EstadoAtualizadoEm);
}

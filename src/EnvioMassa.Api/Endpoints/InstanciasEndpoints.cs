using EnvioMassa.Api.Campanhas;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Api.Instancias;
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
        group.MapGet("/", Listar)
            .WithSummary("Lista as instâncias não excluídas, com os envios aceitos hoje e na última hora")
            .Produces<IReadOnlyList<InstanciaSaida>>();
        group.MapGet("/{id:int}", Obter)
            .WithSummary("Uma instância, com os envios aceitos hoje e na última hora")
            .Produces<InstanciaSaida>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}", Excluir)
            .WithSummary("Exclui a instância (exclusão lógica); com forcar=true, leva as campanhas em andamento dela a erro")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ExclusaoForcadaSaida>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
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

        // A deleted instance keeps its name for history but no longer holds it (the unique index is on live rows only).
        if (await db.Instancias.AnyAsync(i => i.EvolutionInstance == evolutionInstance && i.ExcluidaEm == null, ct))
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
        return Results.Created($"/api/instancias/{instancia.Id}", InstanciaSaida.De(instancia, EnviadosPorInstancia.Contagem.Nenhum));
    }

    static async Task<IResult> Obter(int id, EnvioMassaDbContext db, EnviadosPorInstancia enviados, CancellationToken ct)
    {
        if (await db.Instancias.AsNoTracking().Vivas().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } instancia)
            return NaoExiste(id);
        var contagens = await enviados.ContarAsync([id], ct);
        return Results.Ok(InstanciaSaida.De(instancia, contagens.GetValueOrDefault(id, EnviadosPorInstancia.Contagem.Nenhum)));
    }

    static async Task<IResult> Listar(EnvioMassaDbContext db, EnviadosPorInstancia enviados, CancellationToken ct)
    {
        var instancias = await db.Instancias.AsNoTracking().Vivas().OrderBy(i => i.Id).ToListAsync(ct);
        var contagens = await enviados.ContarAsync(instancias.Select(i => i.Id).ToList(), ct);
        return Results.Ok(instancias.Select(i => InstanciaSaida.De(i, contagens.GetValueOrDefault(i.Id, EnviadosPorInstancia.Contagem.Nenhum))));
    }

    static async Task<IResult> Excluir(int id, ExclusaoDeInstancia exclusao, CancellationToken ct, bool forcar = false) =>
        await exclusao.ExcluirAsync(id, forcar, ct) switch
        {
            Exclusao.Inexistente => NaoExiste(id),
            Exclusao.EmUso u => Problemas.Conflito(
                $"A instância {id} é usada por campanhas em andamento: {CampanhaAfetada.Descrever(u.Campanhas)}. " +
                "Cancele-as, espere que terminem, ou exclua com ?forcar=true para levá-las a 'erro'.",
                new Dictionary<string, object?> { ["campanhas"] = u.Campanhas }),
            Exclusao.Feita { Campanhas.Count: 0 } => Results.NoContent(),
            Exclusao.Feita f => Results.Ok(new ExclusaoForcadaSaida(id, f.Campanhas, f.Motivo)),
            _ => throw new InvalidOperationException("Resultado de exclusão inesperado."),
        };

    static IResult NaoExiste(int id) => Problemas.NaoEncontrado($"A instância {id}");

    static IResult JaExiste(string evolutionInstance) =>
        Problemas.Conflito($"Já existe uma instância cadastrada para a instância '{evolutionInstance}' do Evolution.");
}

public sealed record InstanciaEntrada(string? Nome, string? EvolutionInstance, string? ApiKey);

/// <summary>What the API shows of an instance: never its Evolution key.</summary>
/// <param name="EnviadosHoje">Sends Evolution accepted on this instance, every campaign, since midnight in <c>EnvioMassa:FusoPadrao</c>.</param>
/// <param name="EnviadosUltimaHora">The same, in the last 60 minutes.</param>
public sealed record InstanciaSaida(int Id, string Nome, string EvolutionInstance, string Estado, DateTime? EstadoAtualizadoEm,
    int EnviadosHoje, int EnviadosUltimaHora)
{
    public static InstanciaSaida De(Instancia i, EnviadosPorInstancia.Contagem enviados) =>
        new(i.Id, i.Nome, i.EvolutionInstance, i.Estado, i.EstadoAtualizadoEm, enviados.Hoje, enviados.UltimaHora);
}

/// <summary>A forced deletion: the campaigns it moved to <c>erro</c>, and the reason they carry.</summary>
public sealed record ExclusaoForcadaSaida(int InstanciaId, IReadOnlyList<CampanhaAfetada> CampanhasEmErro, string Motivo);

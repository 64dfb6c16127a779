using EnvioMassa.Api.Campanhas;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Api.Instancias;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using EnvioMassa.Data.Dominio;
using EnvioMassa.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    static async Task<IResult> Criar(InstanciaEntrada entrada, EnvioMassaDbContext db, TimeProvider relogio,
        IOptions<EnvioMassaOptions> opcoes, CancellationToken ct)
    {
        var erros = new Erros();
        var nome = erros.Texto("nome", entrada.Nome, 255);
        var evolutionInstance = erros.Texto("evolutionInstance", entrada.EvolutionInstance, 255);
        if (evolutionInstance.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '%'))
            erros.Adicionar("evolutionInstance", "'evolutionInstance' não pode ter espaços nem os caracteres / ? # %.");
        if (entrada.ApiKey?.Length > 255)
            erros.Adicionar("apiKey", "'apiKey' tem mais de 255 caracteres.");
        var hoje = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(relogio.GetUtcNow(), opcoes.Value.Fuso()).DateTime);
        var limites = LimitesEntrada.Validar(entrada, hoje, erros);
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
            LimiteDiario = limites.LimiteDiario,
            LimitePorHora = limites.LimitePorHora,
            Aquecimento = limites.Aquecimento,
            ConectadaDesde = limites.ConectadaDesde,
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
        return Results.Created($"/api/instancias/{instancia.Id}", InstanciaSaida.De(instancia, EnviadosPorInstancia.Contagem.Nenhum, hoje));
    }

    static async Task<IResult> Obter(int id, EnvioMassaDbContext db, EnviadosPorInstancia enviados, CancellationToken ct)
    {
        if (await db.Instancias.AsNoTracking().Vivas().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } instancia)
            return NaoExiste(id);
        var contagens = await enviados.ContarAsync([id], ct);
        return Results.Ok(InstanciaSaida.De(instancia, contagens.GetValueOrDefault(id, EnviadosPorInstancia.Contagem.Nenhum), enviados.Hoje()));
    }

    static async Task<IResult> Listar(EnvioMassaDbContext db, EnviadosPorInstancia enviados, CancellationToken ct)
    {
        var instancias = await db.Instancias.AsNoTracking().Vivas().OrderBy(i => i.Id).ToListAsync(ct);
        var contagens = await enviados.ContarAsync(instancias.Select(i => i.Id).ToList(), ct);
        var hoje = enviados.Hoje();
        return Results.Ok(instancias.Select(i => InstanciaSaida.De(i, contagens.GetValueOrDefault(i.Id, EnviadosPorInstancia.Contagem.Nenhum), hoje)));
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

/// <param name="LimiteDiario">Sends per day of the number, every campaign together; null = no cap.</param>
/// <param name="LimitePorHora">Sends in any 60 minutes; null = no cap.</param>
/// <param name="Aquecimento">Hold the daily cap to the warm-up stage of the number's age.</param>
/// <param name="ConectadaDesde">The day the number started sending (<c>yyyy-MM-dd</c>); today when warming up without it.</param>
public sealed record InstanciaEntrada(string? Nome, string? EvolutionInstance, string? ApiKey,
    int? LimiteDiario = null, int? LimitePorHora = null, bool? Aquecimento = null, string? ConectadaDesde = null);

/// <summary>What the API shows of an instance: never its Evolution key.</summary>
/// <param name="EnviadosHoje">Sends Evolution accepted on this instance, every campaign, since midnight in <c>EnvioMassa:FusoPadrao</c>.</param>
/// <param name="EnviadosUltimaHora">The same, in the last 60 minutes.</param>
/// <param name="LimiteEfetivoHoje">Today's daily cap after warm-up; null = none.</param>
public sealed record InstanciaSaida(int Id, string Nome, string EvolutionInstance, string Estado, DateTime? EstadoAtualizadoEm,
    int? LimiteDiario, int? LimitePorHora, bool Aquecimento, DateOnly? ConectadaDesde,
    int EnviadosHoje, int EnviadosUltimaHora, int? LimiteEfetivoHoje)
{
    public static InstanciaSaida De(Instancia i, EnviadosPorInstancia.Contagem enviados, DateOnly hoje) =>
        new(i.Id, i.Nome, i.EvolutionInstance, i.Estado, i.EstadoAtualizadoEm, i.LimiteDiario, i.LimitePorHora, i.Aquecimento, i.ConectadaDesde,
            enviados.Hoje, enviados.UltimaHora,
            new LimitesDoNumero(i.LimiteDiario, i.LimitePorHora, i.Aquecimento, i.ConectadaDesde).LimiteEfetivo(hoje));
}

/// <summary>A forced deletion: the campaigns it moved to <c>erro</c>, and the reason they carry.</summary>
public sealed record ExclusaoForcadaSaida(int InstanciaId, IReadOnlyList<CampanhaAfetada> CampanhasEmErro, string Motivo);

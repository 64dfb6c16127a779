using System.Text.Json;
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
        group.MapPatch("/{id:int}", Alterar)
            .WithSummary("Altera campos da instância: nome, evolutionInstance, apiKey, limites e aquecimento (null apaga um limite)")
            .Produces<InstanciaSaida>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
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
        var (nome, evolutionInstance) = ValidarIdentidade(entrada, erros);
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

    static (string Nome, string EvolutionInstance) ValidarIdentidade(InstanciaEntrada entrada, Erros erros)
    {
        var nome = erros.Texto("nome", entrada.Nome, 255);
        var evolutionInstance = erros.Texto("evolutionInstance", entrada.EvolutionInstance, 255);
        if (evolutionInstance.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '%'))
            erros.Adicionar("evolutionInstance", "'evolutionInstance' não pode ter espaços nem os caracteres / ? # %.");
        if (entrada.ApiKey?.Length > 255)
            erros.Adicionar("apiKey", "'apiKey' tem mais de 255 caracteres.");
        return (nome, evolutionInstance);
    }

    /// <summary>
    /// Only the fields present change; <c>null</c> clears a cap, the key or the date. The result is validated as a
    /// whole, as at creation (an hourly cap above the daily one is refused whichever of the two changed). A cap
    /// lowered while campaigns send holds from the scheduler's next step: what is already scheduled still goes.
    /// </summary>
    static async Task<IResult> Alterar(int id, InstanciaAlteracao alteracao, EnvioMassaDbContext db, EnviadosPorInstancia enviados,
        CancellationToken ct)
    {
        if (await db.Instancias.Vivas().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } instancia)
            return NaoExiste(id);

        var erros = new Erros();
        var entrada = alteracao.Sobre(instancia, erros);
        var (nome, evolutionInstance) = ValidarIdentidade(entrada, erros);
        var hoje = enviados.Hoje();
        var limites = LimitesEntrada.Validar(entrada, hoje, erros);
        if (erros.Algum)
            return erros.Resultado();
        if (evolutionInstance != instancia.EvolutionInstance
            && await db.Instancias.AnyAsync(i => i.EvolutionInstance == evolutionInstance && i.ExcluidaEm == null && i.Id != id, ct))
            return JaExiste(evolutionInstance);

        instancia.Nome = nome;
        instancia.EvolutionInstance = evolutionInstance;
        instancia.ApiKey = string.IsNullOrWhiteSpace(entrada.ApiKey) ? null : entrada.ApiKey.Trim();
        instancia.LimiteDiario = limites.LimiteDiario;
        instancia.LimitePorHora = limites.LimitePorHora;
        instancia.Aquecimento = limites.Aquecimento;
        instancia.ConectadaDesde = limites.ConectadaDesde;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.EhChaveDuplicada())
        {
            return JaExiste(evolutionInstance);
        }
        var contagens = await enviados.ContarAsync([id], ct);
        return Results.Ok(InstanciaSaida.De(instancia, contagens.GetValueOrDefault(id, EnviadosPorInstancia.Contagem.Nenhum), hoje));
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

/// <summary>
/// A <c>PATCH</c> of an instance: an absent field keeps its value; <c>null</c> clears <c>apiKey</c>,
/// <c>limiteDiario</c>, <c>limitePorHora</c> or <c>conectadaDesde</c> (read as raw JSON to tell the two apart: a
/// nullable would read both as null).
/// </summary>
public sealed record InstanciaAlteracao
{
    public string? Nome { get; init; }
    public string? EvolutionInstance { get; init; }
    public bool? Aquecimento { get; init; }

    // Properties, not constructor parameters: a parameter's default would be written into the OpenAPI document, and
    // an Undefined JsonElement cannot be.
    public JsonElement ApiKey { get; init; }
    public JsonElement LimiteDiario { get; init; }
    public JsonElement LimitePorHora { get; init; }
    public JsonElement ConectadaDesde { get; init; }

    /// <summary>The instance as it would be after the change, in the shape creation validates.</summary>
    internal InstanciaEntrada Sobre(Instancia atual, Erros erros) => new(
        Nome ?? atual.Nome,
        EvolutionInstance ?? atual.EvolutionInstance,
        Texto(ApiKey, "apiKey", atual.ApiKey, erros),
        Inteiro(LimiteDiario, "limiteDiario", atual.LimiteDiario, erros),
        Inteiro(LimitePorHora, "limitePorHora", atual.LimitePorHora, erros),
        Aquecimento ?? atual.Aquecimento,
        Texto(ConectadaDesde, "conectadaDesde", atual.ConectadaDesde?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), erros));

    // An absent member stays default (Undefined); a JSON null arrives as a Null element.
    static int? Inteiro(JsonElement v, string campo, int? atual, Erros erros)
    {
        if (v.ValueKind == JsonValueKind.Undefined)
            return atual;
        if (v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
            return n;
        erros.Adicionar(campo, $"'{campo}' é um número inteiro, ou null para tirar o limite.");
        return atual;
    }

    static string? Texto(JsonElement v, string campo, string? atual, Erros erros)
    {
        if (v.ValueKind == JsonValueKind.Undefined)
            return atual;
        if (v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == JsonValueKind.String)
            return v.GetString();
        erros.Adicionar(campo, $"'{campo}' é um texto, ou null para apagar.");
        return atual;
    }
}

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

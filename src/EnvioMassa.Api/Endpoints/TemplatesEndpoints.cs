using EnvioMassa.Api.Campanhas;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Endpoints;

public static class TemplatesEndpoints
{
    const int TamanhoMaximoConteudo = 10_000;

    public static RouteGroupBuilder MapTemplatesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/templates").WithTags("Templates");
        group.MapPost("/", Criar).WithSummary("Cria um template; placeholders desconhecidos são recusados")
            .Produces<TemplateSaida>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", Listar)
            .WithSummary("Lista os templates não excluídos, do mais novo para o mais antigo")
            .Produces<IReadOnlyList<TemplateSaida>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", Obter).WithSummary("Um template com os seus placeholders")
            .Produces<TemplateSaida>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}", Excluir)
            .WithSummary("Exclui o template (exclusão lógica); recusado enquanto uma campanha não finalizada o usa")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    static async Task<IResult> Listar(EnvioMassaDbContext db, CancellationToken ct, int limite = 100)
    {
        var erros = new Erros();
        erros.Faixa("limite", limite, 1, 1000);
        if (erros.Algum)
            return erros.Resultado();
        var templates = await db.Templates.AsNoTracking().Vivos().OrderByDescending(t => t.Id).Take(limite).ToListAsync(ct);
        return Results.Ok(templates.Select(TemplateSaida.De));
    }

    /// <summary>
    /// The row is locked first: a campaign created meanwhile share-locks the template it names (see
    /// <c>CampanhasEndpoints.Criar</c>), so it either sees the deletion or is seen by it.
    /// </summary>
    static async Task<IResult> Excluir(int id, EnvioMassaDbContext db, TimeProvider relogio, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var encontrados = await db.Database.SqlQuery<int>(
                $"SELECT id AS Value FROM templates WHERE id = {id} AND excluido_em IS NULL FOR UPDATE")
            .ToListAsync(ct);
        if (encontrados.Count == 0)
            return NaoExiste(id);

        var campanhas = await CampanhaAfetada.EmUso(db.Campanhas.Where(c => c.TemplateId == id || c.Templates.Any(t => t.TemplateId == id)), StatusCampanha.NaoFinais).ToListAsync(ct);
        if (campanhas.Count > 0)
            return Problemas.Conflito(
                $"O template {id} é usado por campanhas não finalizadas: {CampanhaAfetada.Descrever(campanhas)}. " +
                "Espere que terminem ou cancele-as antes de excluí-lo.",
                new Dictionary<string, object?> { ["campanhas"] = campanhas });

        var agora = relogio.GetUtcNow().UtcDateTime;
        await db.Templates.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExcluidoEm, agora), ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }

    static IResult NaoExiste(int id) => Problemas.NaoEncontrado($"O template {id}");

    static async Task<IResult> Criar(TemplateEntrada entrada, EnvioMassaDbContext db, CancellationToken ct)
    {
        var erros = new Erros();
        var nome = erros.Texto("nome", entrada.Nome, 255);
        var conteudo = erros.Texto("conteudo", entrada.Conteudo, TamanhoMaximoConteudo);
        if (erros.Algum)
            return erros.Resultado();

        var desconhecidos = TemplateMensagem.PlaceholdersDesconhecidos(conteudo);
        if (desconhecidos.Count > 0)
            return Problemas.Invalido("conteudo",
                $"Placeholders desconhecidos: {string.Join(", ", desconhecidos)}. " +
                "Use {{nome}}, {{telefone}} ou {{dados.<campo>}} (ex.: {{dados.valor}}).", 422);

        var template = new Template { Nome = nome, Conteudo = conteudo };
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/templates/{template.Id}", TemplateSaida.De(template));
    }

    static async Task<IResult> Obter(int id, EnvioMassaDbContext db, CancellationToken ct) =>
        await db.Templates.AsNoTracking().Vivos().FirstOrDefaultAsync(t => t.Id == id, ct) is { } template
            ? Results.Ok(TemplateSaida.De(template))
            : NaoExiste(id);
}

public sealed record TemplateEntrada(string? Nome, string? Conteudo);

public sealed record TemplateSaida(int Id, string Nome, string Conteudo, IReadOnlyList<string> Placeholders)
{
    public static TemplateSaida De(Template t) => new(t.Id, t.Nome, t.Conteudo, TemplateMensagem.Placeholders(t.Conteudo));
}

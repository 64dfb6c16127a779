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
        group.MapGet("/{id:int}", Obter).WithSummary("Um template com os seus placeholders")
            .Produces<TemplateSaida>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

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
        await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } template
            ? Results.Ok(TemplateSaida.De(template))
            : Problemas.NaoEncontrado($"O template {id}");
}

public sealed record TemplateEntrada(string? Nome, string? Conteudo);

public sealed record TemplateSaida(int Id, string Nome, string Conteudo, IReadOnlyList<string> Placeholders)
{
    public static TemplateSaida De(Template t) => new(t.Id, t.Nome, t.Conteudo, TemplateMensagem.Placeholders(t.Conteudo));
}

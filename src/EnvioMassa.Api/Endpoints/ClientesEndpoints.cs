using System.Text.Json;
using EnvioMassa.Api.Clientes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Endpoints;

public static class ClientesEndpoints
{
    const int TamanhoMaximoCsv = 20 * 1024 * 1024;
    // Memory no longer grows with the file, so the cap is how long an operator is willing to wait for one answer.
    const int MaximoDeLinhasCsv = 200_000;
    const int TamanhoMaximoPagina = 500;

    public static RouteGroupBuilder MapClientesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clientes").WithTags("Clientes");
        group.MapPost("/", Cadastrar).Idempotente().WithSummary("Cadastra ou atualiza clientes (o telefone identifica o cliente)")
            .Produces<ResultadoImportacao>().ProducesValidationProblem();
        group.MapPost("/importar", Importar).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: TamanhoMaximoCsv + 64 * 1024)
            .WithSummary("Importa clientes de um CSV (nome,telefone,<colunas extras viram dados>)")
            .AddOpenApiOperationTransformer(DescreverArquivo)
            .Produces<ResultadoImportacao>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", Listar).WithSummary("Lista os clientes, paginado")
            .Produces<PaginaDeClientes>().ProducesValidationProblem();
        return api;
    }

    /// <summary>
    /// The body as the handler reads it (a file field, or the CSV as the body). Described here and not with
    /// <c>Accepts</c>, which would also make routing refuse other content types before the handler can explain.
    /// </summary>
    static Task DescreverArquivo(OpenApiOperation operacao, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operacao.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "O CSV num campo de arquivo (ex.: curl -F arquivo=@clientes.csv) ou como o próprio corpo (text/csv).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["arquivo"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
        return Task.CompletedTask;
    }

    static async Task<IResult> Cadastrar(List<ClienteEntrada?> entrada, ImportacaoDeClientes importacao, CancellationToken ct)
    {
        if (entrada.Count == 0)
            return Problemas.Invalido("clientes", "Envie uma lista com pelo menos um cliente.");
        if (entrada.Count > ImportacaoDeClientes.MaximoPorRequisicao)
            return Problemas.Invalido("clientes",
                $"Foram enviados {entrada.Count} clientes; o máximo por requisição é {ImportacaoDeClientes.MaximoPorRequisicao}.");

        var recebidos = entrada.Select(Recebido).ToList();
        return Results.Ok(await importacao.ImportarAsync(recebidos, ct));
    }

    /// <summary>
    /// CSV as a multipart upload (any field name) or as the raw body (<c>text/csv</c>). Either way it is read from disk:
    /// the form reader keeps uploads over 64 KB in a temporary file, and a raw body is copied to one, since the file is
    /// read more than once (<see cref="ArquivoDeClientes"/>).
    /// </summary>
    static async Task<IResult> Importar(HttpRequest request, ImportacaoDeClientes importacao, CancellationToken ct)
    {
        if (request.ContentLength > TamanhoMaximoCsv + 64 * 1024)
            return GrandeDemais();
        Stream arquivo;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
            {
                return Problemas.Invalido("arquivo",
                    $"O upload multipart está malformado ou passa de {TamanhoMaximoCsv / 1024 / 1024} MB.");
            }
            if (form.Files.Count == 0)
                return Problemas.Invalido("arquivo", "Envie o arquivo CSV num campo de arquivo (ex.: curl -F arquivo=@clientes.csv).");
            if (form.Files[0].Length > TamanhoMaximoCsv)
                return GrandeDemais();
            arquivo = form.Files[0].OpenReadStream();
        }
        else if (request.ContentType is { } tipo && (tipo.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                 || tipo.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase)))
        {
            if (await CopiarParaArquivoTemporarioAsync(request.Body, TamanhoMaximoCsv, ct) is not { } copia)
                return GrandeDemais();
            arquivo = copia;
        }
        else
            return Results.Problem(statusCode: 415, title: "Tipo de conteúdo não suportado",
                detail: "Envie o CSV como multipart/form-data (campo de arquivo) ou como corpo text/csv.");

        await using (arquivo)
        {
            ArquivoDeClientes csv;
            try
            {
                csv = ArquivoDeClientes.Abrir(arquivo, MaximoDeLinhasCsv);
            }
            catch (CsvInvalidoException e)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["arquivo"] = [e.Message] },
                    title: "Arquivo CSV inválido", detail: e.Message,
                    extensions: e.Linha is { } linha ? new Dictionary<string, object?> { ["linha"] = linha } : null);
            }
            return Results.Ok(await importacao.ImportarAsync(csv.Total, csv.Lotes(ImportacaoDeClientes.Lote), ct));
        }
    }

    static async Task<IResult> Listar(EnvioMassaDbContext db, CancellationToken ct, int pagina = 1, int tamanho = 50)
    {
        var erros = new Erros();
        erros.Minimo("pagina", pagina, 1);
        erros.Faixa("tamanho", tamanho, 1, TamanhoMaximoPagina);
        if (erros.Algum)
            return erros.Resultado();

        var total = await db.Clientes.CountAsync(ct);
        var clientes = await db.Clientes.AsNoTracking().OrderBy(c => c.Id)
            .Skip((int)Math.Min((long)(pagina - 1) * tamanho, int.MaxValue)).Take(tamanho)
            .Select(c => new { c.Id, c.Nome, c.Telefone, c.Dados })
            .ToListAsync(ct);
        var itens = clientes.Select(c => new ClienteSaida(c.Id, c.Nome, c.Telefone, Json(c.Dados))).ToList();
        return Results.Ok(new PaginaDeClientes(pagina, tamanho, total, itens));
    }

    static ClienteRecebido Recebido(ClienteEntrada? c)
    {
        if (c is null)
            return new ClienteRecebido(null, null, null, "item nulo: cada cliente é um objeto {nome, telefone, dados}");
        var telefone = c.Telefone is { ValueKind: JsonValueKind.Number } numero ? numero.GetRawText()
            : c.Telefone is { ValueKind: JsonValueKind.String } texto ? texto.GetString()
            : null;
        var erro = c.Telefone is { ValueKind: not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null) }
            ? "telefone deve ser texto"
            : c.Dados is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }
                ? "dados deve ser um objeto JSON, ex.: {\"cidade\": \"Campinas\"}"
                : null;
        var dados = c.Dados is { ValueKind: JsonValueKind.Object } objeto ? objeto.GetRawText() : null;
        return new ClienteRecebido(c.Nome, telefone, dados, erro);
    }

    static JsonElement Json(string texto)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(texto) ? "{}" : texto);
        return doc.RootElement.Clone();
    }

    /// <summary>The body in a temporary file deleted on close, or null when it passes <paramref name="maximo"/> bytes.</summary>
    static async Task<FileStream?> CopiarParaArquivoTemporarioAsync(Stream corpo, int maximo, CancellationToken ct)
    {
        var arquivo = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var pedaco = new byte[81920];
            int lidos;
            while ((lidos = await corpo.ReadAsync(pedaco, ct)) > 0)
            {
                if (arquivo.Length + lidos > maximo)
                {
                    await arquivo.DisposeAsync();
                    return null;
                }
                await arquivo.WriteAsync(pedaco.AsMemory(0, lidos), ct);
            }
            return arquivo;
        }
        catch
        {
            await arquivo.DisposeAsync();
            throw;
        }
    }

    static IResult GrandeDemais() =>
        Results.Problem(statusCode: 413, title: "Corpo grande demais",
            detail: $"O arquivo passa de {TamanhoMaximoCsv / 1024 / 1024} MB; divida-o em partes.");
}

/// <param name="Telefone">Text, or a JSON number as spreadsheets export it.</param>
public sealed record ClienteEntrada(string? Nome, JsonElement? Telefone, JsonElement? Dados);

public sealed record ClienteSaida(int Id, string Nome, string Telefone, JsonElement Dados);

public sealed record PaginaDeClientes(int Pagina, int Tamanho, int Total, IReadOnlyList<ClienteSaida> Itens);

using System.Text.Json.Nodes;
using EnvioMassa.Api.Endpoints;
using EnvioMassa.Api.Idempotencia;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EnvioMassa.Api.Extensions;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its reader (<c>/scalar</c>). Each route declares its own
/// answers (<c>Produces</c>, <c>ProducesProblem</c>); what holds for whole groups lives here: the API key on
/// <c>/api</c>, the webhook's three ways to authenticate, the examples of the request bodies, and the routes that are
/// not minimal-API handlers (health and metrics), which the generator cannot see.
/// </summary>
public static class OpenApiExtensions
{
    public const string Documento = "v1";
    public const string EsquemaApiKey = "ApiKey";
    const string EsquemaWebhookCabecalho = "WebhookToken";
    const string EsquemaWebhookJwt = "WebhookJwt";
    const string EsquemaWebhookUrl = "WebhookTokenNaUrl";

    public static IServiceCollection AddDocumentacaoDaApi(this IServiceCollection services) =>
        services.AddOpenApi(Documento, o =>
        {
            o.AddDocumentTransformer(DescreverDocumento);
            o.AddOperationTransformer(ProtegerOperacao);
            o.AddOperationTransformer(DescreverIdempotencia);
            o.AddOperationTransformer(DescreverRespostas);
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (ExemplosDeEntrada.TryGetValue(context.JsonTypeInfo.Type, out var exemplo))
                    schema.Examples = [JsonNode.Parse(exemplo)!];
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapDocumentacaoDaApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("EnvioMassa — referência da API"));
        return app;
    }

    /// <summary>What an operator would paste first: one example per request body, as in <c>docs/usando-a-api.md</c>.</summary>
    static readonly Dictionary<Type, string> ExemplosDeEntrada = new()
    {
        [typeof(InstanciaEntrada)] = """{ "nome": "loja-centro", "evolutionInstance": "loja-centro", "apiKey": "<token da instância, opcional>" }""",
        [typeof(TemplateEntrada)] = """{ "nome": "cobranca", "conteudo": "Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje." }""",
        [typeof(ClienteEntrada)] = """{ "nome": "Ana", "telefone": "+55 11 99999-0001", "dados": { "cidade": "Campinas", "valor": "R$ 120,00" } }""",
        [typeof(CampanhaEntrada)] = """{ "nome": "Cobrança dezembro", "templateId": 3, "instanciaId": 1, "intervaloMinSegundos": 8, "intervaloMaxSegundos": 25, "pausaLonga": { "aCada": 20, "segundos": 120 }, "midia": { "tipo": "image", "url": "https://exemplo.com.br/boleto.png", "nomeArquivo": "boleto.png" }, "digitando": true, "verificarNumeros": true, "retomarAutomaticamente": false }""",
        [typeof(DestinatariosEntrada)] = """{ "filtro": { "dados.cidade": "Campinas" } }""",
        [typeof(IniciarEntrada)] = """{ "agendarPara": "2026-12-01T09:00:00-03:00" }""",
        [typeof(PausarEntrada)] = """{ "motivo": "Revisar o texto" }""",
        [typeof(TesteEntrada)] = """{ "telefone": "+55 11 99999-0001", "clienteId": 17 }""",
        [typeof(InstanciaAlteracao)] = """{ "limiteDiario": 300, "limitePorHora": null }""",
        [typeof(Webhooks.EventoEvolution)] = """
            { "event": "connection.update", "instance": "loja-centro", "data": { "instance": "loja-centro", "state": "close", "statusReason": 401 },
              "date_time": "2026-12-02T15:04:05.123Z", "server_url": "http://evolution:8080", "apikey": "<token da instância>" }
            """,
    };

    static Task DescreverDocumento(OpenApiDocument documento, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        documento.Info = new OpenApiInfo
        {
            Title = "EnvioMassa",
            Version = Documento,
            Description = "Campanhas de WhatsApp pelo Evolution API: instâncias, clientes, templates, campanhas e os webhooks do " +
                          "Evolution. Toda rota em /api pede o cabeçalho X-Api-Key. Erros são problem details (RFC 7807) com " +
                          "title e detail em português e, por campo, em errors.",
        };
        documento.Components ??= new OpenApiComponents();
        documento.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        documento.Components.SecuritySchemes[EsquemaApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.Header,
            Description = "A chave Api:Key do EnvioMassa.",
        };
        documento.Components.SecuritySchemes[EsquemaWebhookCabecalho] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Webhooks.AutenticacaoDoWebhook.TokenHeader,
            Description = "Evolution:WebhookToken, nos headers do webhook da instância.",
        };
        documento.Components.SecuritySchemes[EsquemaWebhookJwt] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "JWT HS256 assinado com Evolution:WebhookToken (o jwt_key do Evolution).",
        };
        documento.Components.SecuritySchemes[EsquemaWebhookUrl] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = Webhooks.AutenticacaoDoWebhook.TokenQuery,
            Description = "Evolution:WebhookToken na URL (o único jeito do webhook global do Evolution).",
        };

        documento.Paths ??= new OpenApiPaths();
        documento.Paths["/health/live"] = RotaDeTexto("Saúde", "O processo está de pé.", "Healthy");
        documento.Paths["/health/ready"] = RotaDeTexto("Saúde", "Pronto: banco de dados e RabbitMQ alcançáveis (503 se não).", "Healthy", comIndisponivel: true);
        documento.Paths["/metrics"] = RotaDeTexto("Métricas", "Métricas no formato de texto do Prometheus.", "# TYPE ...");
        return Task.CompletedTask;
    }

    static OpenApiPathItem RotaDeTexto(string tag, string resumo, string exemplo, bool comIndisponivel = false)
    {
        var respostas = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(exemplo) },
                },
            },
        };
        if (comIndisponivel)
            respostas["503"] = new OpenApiResponse { Description = "Uma dependência não respondeu." };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = resumo,
                    Tags = new HashSet<OpenApiTagReference> { new(tag) },
                    Responses = respostas,
                },
            },
        };
    }

    /// <summary>The <c>Idempotency-Key</c> header, and the answers it adds, on the routes marked <c>.Idempotente()</c>.</summary>
    static Task DescreverIdempotencia(OpenApiOperation operacao, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<AceitaIdempotencyKey>().Any())
            return Task.CompletedTask;
        operacao.Parameters ??= [];
        operacao.Parameters.Add(new OpenApiParameter
        {
            Name = AceitaIdempotencyKey.Cabecalho,
            In = ParameterLocation.Header,
            Description = "Opcional. A mesma chave com o mesmo pedido em até 24 h devolve a primeira resposta (com " +
                          $"{AceitaIdempotencyKey.CabecalhoDeRepeticao}: true) sem fazer nada de novo; com outro pedido, 422.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = AceitaIdempotencyKey.TamanhoMaximo },
        });
        operacao.Responses ??= [];
        foreach (var status in new[] { StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity })
            if (!operacao.Responses.ContainsKey(status.ToString()))
                operacao.Responses[status.ToString()] = new OpenApiResponse { Description = ProblemDetailsExtensions.Titulo(status) };
        return Task.CompletedTask;
    }

    /// <summary>Each answer's description in Portuguese, as the problem titles the API gives (404 → "Não encontrado").</summary>
    static Task DescreverRespostas(OpenApiOperation operacao, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var (codigo, resposta) in operacao.Responses ?? [])
            if (resposta is OpenApiResponse r && int.TryParse(codigo, out var status))
                r.Description = status switch
                {
                    200 => "OK",
                    201 => "Criado",
                    202 => "Aceito: o pedido foi aceito pelo orquestrador",
                    204 => "Feito, sem corpo",
                    _ => ProblemDetailsExtensions.Titulo(status),
                };
        return Task.CompletedTask;
    }

    /// <summary>The API key on every <c>/api</c> route; on the webhook, any one of its three secrets.</summary>
    static Task ProtegerOperacao(OpenApiOperation operacao, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var rota = context.Description.RelativePath ?? "";
        string[][] alternativas = rota.StartsWith("api/", StringComparison.Ordinal) ? [[EsquemaApiKey]]
            : rota.StartsWith("webhooks/", StringComparison.Ordinal) ? [[EsquemaWebhookCabecalho], [EsquemaWebhookJwt], [EsquemaWebhookUrl]]
            : [];
        if (alternativas.Length == 0)
            return Task.CompletedTask;
        operacao.Security = alternativas
            .Select(esquemas => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(esquemas[0], context.Document)] = [],
            })
            .ToList();
        return Task.CompletedTask;
    }
}

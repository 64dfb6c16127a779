using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Extensions;

static partial class ProblemDetailsExtensions
{
    static readonly Dictionary<int, string> Titulos = new()
    {
        [400] = "Requisição inválida",
        [401] = "Não autorizado",
        [403] = "Proibido",
        [404] = "Não encontrado",
        [405] = "Método não permitido",
        [408] = "Tempo esgotado",
        [409] = "Conflito",
        [411] = "Tamanho do corpo obrigatório",
        [413] = "Corpo grande demais",
        [415] = "Tipo de conteúdo não suportado",
        [422] = "Dados não processáveis",
        [500] = "Erro interno",
        [503] = "Serviço indisponível",
    };

    public static string Titulo(int status) => Titulos.GetValueOrDefault(status, "Erro");

    /// <summary>
    /// Problem details everywhere, in Portuguese: responses the framework produces itself (unknown route, wrong
    /// method) get a Portuguese title and detail too.
    /// </summary>
    public static IServiceCollection AddPortugueseProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var pd = ctx.ProblemDetails;
            var status = pd.Status ?? ctx.HttpContext.Response.StatusCode;
            if (pd.Title is null || TituloPadraoEmIngles(pd.Title))
                pd.Title = Titulo(status);
            if (pd.Detail is null && status is 404)
                pd.Detail = $"Não existe nada em {ctx.HttpContext.Request.Method} {ctx.HttpContext.Request.Path}.";
            if (pd.Detail is null && status is 405)
                pd.Detail = $"O método {ctx.HttpContext.Request.Method} não é aceito em {ctx.HttpContext.Request.Path}.";
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Bad JSON and unparsable parameters reach the exception handler instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // A misspelt field ("intervaloSegudos") silently ignored would send a campaign with the default instead of
        // what the operator asked for. Only the bodies bound by the API's endpoints use these options; the Evolution
        // webhooks read their envelope with options of their own and keep accepting any field.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        return services;
    }

    static bool TituloPadraoEmIngles(string title) =>
        title is "One or more validation errors occurred." or "An error occurred while processing your request."
        || Titulos.Keys.Any(k => ReasonPhrases.GetReasonPhrase(k) == title);
}

/// <summary>
/// Turns every exception into problem details: request errors (bad JSON, unparsable parameters, oversized bodies) into
/// a 4xx with a Portuguese explanation; anything else into a 500 that carries only the trace id, never a stack trace,
/// SQL or a secret.
/// </summary>
sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    [GeneratedRegex("""^The JSON property '(?<campo>.*)' could not be mapped to any \.NET member contained in type '(?<tipo>[^']*)'\.""", RegexOptions.Singleline)]
    private static partial Regex MembroDesconhecido();

    [GeneratedRegex("""^Failed to bind parameter "(?<tipo>[^"]*) (?<nome>[^" ]+)" from "(?<valor>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex ParametroInvalido();

    [GeneratedRegex("""^Required parameter "(?<tipo>[^"]*) (?<nome>[^" ]+)" was not provided from (?<origem>[a-z]+)""")]
    private static partial Regex ParametroAusente();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            logger.LogInformation("Requisição inválida: {Status} {Motivo}", bad.StatusCode, bad.Message);
            problem = RequisicaoInvalida(bad, json.Value.SerializerOptions);
        }
        else if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads the answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }
        else
        {
            logger.LogError(exception, "Erro não tratado em {Metodo} {Rota}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Title = ProblemDetailsExtensions.Titulo(500),
                Detail = "Ocorreu um erro inesperado. Informe o traceId a quem mantém o sistema.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    internal static ProblemDetails RequisicaoInvalida(BadHttpRequestException bad, JsonSerializerOptions opcoes)
    {
        var status = bad.StatusCode;
        var problem = new ProblemDetails { Status = status, Title = ProblemDetailsExtensions.Titulo(status) };
        if (bad.InnerException is JsonException desconhecido && MembroDesconhecido().Match(desconhecido.Message) is { Success: true } membro)
        {
            var campo = Caminho(desconhecido.Path, membro.Groups["campo"].Value);
            problem.Title = "Campo desconhecido";
            problem.Detail = $"Campo desconhecido '{campo}'. Confira a grafia (maiúsculas e minúsculas não importam)"
                             + CamposAceitos(membro.Groups["tipo"].Value, opcoes) + ".";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [campo] = ["Campo desconhecido nesta rota."] };
        }
        else if (bad.InnerException is JsonException json)
        {
            var campo = Campo(json.Path);
            var conversao = campo is not null && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            problem.Title = "JSON inválido";
            problem.Detail = conversao
                ? $"O campo '{campo}' tem um valor de tipo errado."
                : $"O corpo não é um JSON válido para esta rota (linha {json.LineNumber + 1}, posição {json.BytePositionInLine + 1}).";
            problem.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [conversao ? campo! : "corpo"] = [conversao ? "Tipo errado." : "JSON malformado ou com a forma errada."],
            };
        }
        else if (ParametroInvalido().Match(bad.Message) is { Success: true } m)
        {
            var nome = m.Groups["nome"].Value;
            problem.Detail = $"O parâmetro '{nome}' tem um valor inválido: '{m.Groups["valor"].Value}'.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [nome] = ["Valor inválido."] };
        }
        else if (ParametroAusente().Match(bad.Message) is { Success: true } ausente)
        {
            problem.Detail = ausente.Groups["origem"].Value == "body"
                ? "O corpo da requisição é obrigatório nesta rota."
                : $"O parâmetro '{ausente.Groups["nome"].Value}' é obrigatório.";
        }
        else
        {
            problem.Detail = status switch
            {
                413 => "O corpo da requisição é grande demais.",
                415 => "Envie o corpo como JSON (Content-Type: application/json).",
                408 => "O corpo da requisição demorou demais para chegar.",
                _ => "A requisição não pôde ser lida.",
            };
        }
        return problem;
    }

    /// <summary>
    /// Where the unknown member is, as the caller wrote it: <c>pausaLonga.segudos</c>, <c>[2].telefon</c>. The exception's
    /// path ends at the member itself or at the object holding it, depending on where the reader stopped.
    /// </summary>
    static string Caminho(string? jsonPath, string membro)
    {
        var caminho = Campo(jsonPath) ?? "";
        if (caminho == membro || caminho.EndsWith("." + membro, StringComparison.Ordinal) || caminho.EndsWith("['" + membro + "']", StringComparison.Ordinal))
            return caminho;
        return caminho.Length == 0 ? membro : $"{caminho}.{membro}";
    }

    /// <summary>", os campos aceitos aqui são: nome, templateId, ..." for the object the member was found in.</summary>
    static string CamposAceitos(string tipo, JsonSerializerOptions opcoes)
    {
        if (typeof(ApiExceptionHandler).Assembly.GetType(tipo) is not { } type)
            return "";
        var nomes = opcoes.GetTypeInfo(type).Properties.Select(p => p.Name);
        return $"; os campos aceitos aqui são: {string.Join(", ", nomes)}";
    }

    static string? Campo(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return null;
        return jsonPath.StartsWith("$.") ? jsonPath[2..] : jsonPath.TrimStart('$');
    }
}

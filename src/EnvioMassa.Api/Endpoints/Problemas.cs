using EnvioMassa.Api.Extensions;

namespace EnvioMassa.Api.Endpoints;

/// <summary>The problem-details answers the endpoints give, with Portuguese titles.</summary>
static class Problemas
{
    public static IResult NaoEncontrado(string oQue) =>
        Results.Problem(statusCode: 404, title: ProblemDetailsExtensions.Titulo(404), detail: $"{oQue} não existe.");

    public static IResult Conflito(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: 409, title: ProblemDetailsExtensions.Titulo(409), detail: detail, extensions: extensions);

    public static IResult Invalido(IDictionary<string, string[]> errors, int status = 400) =>
        Results.ValidationProblem(errors, statusCode: status,
            title: status == 422 ? "Não é possível processar o pedido" : "Dados inválidos",
            detail: string.Join(" ", errors.SelectMany(e => e.Value).Take(5)));

    public static IResult Invalido(string campo, string mensagem, int status = 400) =>
        Invalido(new Dictionary<string, string[]> { [campo] = [mensagem] }, status);
}

/// <summary>Collects field errors; the keys are the JSON names the caller sent.</summary>
sealed class Erros
{
    readonly Dictionary<string, List<string>> _erros = [];

    public bool Algum => _erros.Count > 0;

    public void Adicionar(string campo, string mensagem)
    {
        if (!_erros.TryGetValue(campo, out var lista))
            _erros[campo] = lista = [];
        lista.Add(mensagem);
    }

    /// <summary>A required text: present, not blank, at most <paramref name="maximo"/> characters once trimmed.</summary>
    public string Texto(string campo, string? valor, int maximo)
    {
        var texto = valor?.Trim() ?? "";
        if (texto.Length == 0)
            Adicionar(campo, $"'{campo}' é obrigatório e não pode ser vazio.");
        else if (texto.Length > maximo)
            Adicionar(campo, $"'{campo}' tem {texto.Length} caracteres; o máximo é {maximo}.");
        return texto;
    }

    public void Minimo(string campo, int valor, int minimo)
    {
        if (valor < minimo)
            Adicionar(campo, $"'{campo}' deve ser pelo menos {minimo} (veio {valor}).");
    }

    public void Faixa(string campo, int? valor, int minimo, int maximo)
    {
        if (valor is { } v && (v < minimo || v > maximo))
            Adicionar(campo, $"'{campo}' deve estar entre {minimo} e {maximo} (veio {v}).");
    }

    public void Obrigatorio<T>(string campo, T? valor) where T : struct
    {
        if (valor is null)
            Adicionar(campo, $"'{campo}' é obrigatório.");
    }

    public IResult Resultado(int status = 400) =>
        Problemas.Invalido(_erros.ToDictionary(e => e.Key, e => e.Value.ToArray()), status);
}

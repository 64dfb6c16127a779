using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvioMassa.Data.Entities;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Message templates: <c>{{nome}}</c>, <c>{{telefone}}</c> and <c>{{dados.campo}}</c> (or <c>{{dados.campo.sub}}</c>)
/// filled from a customer, whitespace inside the braces allowed. A message is rendered whole or not at all: a missing
/// value or an unknown placeholder is an error that names it, never a half-filled text sent to a customer.
/// </summary>
public static partial class TemplateMensagem
{
    public const string Nome = "nome";
    public const string Telefone = "telefone";

    [GeneratedRegex(@"\{\{(?<expr>[^{}]*)\}\}")]
    private static partial Regex Marcador();

    /// <summary>The placeholders of <paramref name="conteudo"/>, trimmed, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string conteudo) =>
        Marcador().Matches(conteudo).Select(m => m.Groups["expr"].Value.Trim()).Distinct().ToList();

    /// <summary>
    /// Everything that is not <c>nome</c>, <c>telefone</c> or <c>dados.&lt;campo&gt;[.&lt;sub&gt;]</c>, including
    /// braces without a pair (<c>{{nome</c>), which would otherwise reach the customer as they are.
    /// </summary>
    public static IReadOnlyList<string> PlaceholdersDesconhecidos(string conteudo)
    {
        var desconhecidos = Placeholders(conteudo).Where(p => !Conhecido(p)).Select(p => $"{{{{{p}}}}}").ToList();
        var resto = Marcador().Replace(conteudo, " ");
        var abre = resto.IndexOf("{{", StringComparison.Ordinal);
        if (abre >= 0)
            desconhecidos.Add(Palavra(resto, abre, abre + 2));
        var fecha = resto.IndexOf("}}", StringComparison.Ordinal);
        if (fecha >= 0)
            desconhecidos.Add(Palavra(resto, fecha, fecha + 2));
        return desconhecidos;
    }

    public static bool TryRender(string conteudo, Cliente cliente, out string texto, out string? erro)
    {
        texto = "";
        var desconhecidos = PlaceholdersDesconhecidos(conteudo);
        if (desconhecidos.Count > 0)
        {
            erro = $"placeholder desconhecido: {string.Join(", ", desconhecidos)}";
            return false;
        }

        JsonDocument? dados = null;
        try
        {
            var resultado = new StringBuilder(conteudo.Length + 64);
            var posicao = 0;
            foreach (Match m in Marcador().Matches(conteudo))
            {
                var expr = m.Groups["expr"].Value.Trim();
                string? valor;
                if (expr == Nome)
                    valor = cliente.Nome;
                else if (expr == Telefone)
                    valor = cliente.Telefone;
                else if (!TryValorDeDados(expr, cliente.Dados, ref dados, out valor, out erro))
                    return false;

                if (string.IsNullOrWhiteSpace(valor))
                {
                    erro = $"falta o valor de {{{{{expr}}}}}";
                    return false;
                }
                resultado.Append(conteudo, posicao, m.Index - posicao).Append(valor);
                posicao = m.Index + m.Length;
            }
            resultado.Append(conteudo, posicao, conteudo.Length - posicao);
            texto = resultado.ToString();
            erro = null;
            return true;
        }
        finally
        {
            dados?.Dispose();
        }
    }

    static bool Conhecido(string expr) => expr is Nome or Telefone || CaminhoDeDados.EhValido(expr);

    static bool TryValorDeDados(string expr, string json, ref JsonDocument? dados, out string? valor, out string? erro)
    {
        valor = null;
        erro = null;
        try
        {
            dados ??= JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException)
        {
            erro = "os dados do cliente não são um JSON válido";
            return false;
        }

        var atual = dados.RootElement;
        foreach (var campo in CaminhoDeDados.Campos(expr))
        {
            if (atual.ValueKind != JsonValueKind.Object || !atual.TryGetProperty(campo, out atual))
                return true;
        }

        switch (atual.ValueKind)
        {
            case JsonValueKind.String:
                valor = atual.GetString();
                return true;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                valor = atual.GetRawText();
                return true;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            default:
                erro = $"{{{{{expr}}}}} não é um valor simples (é um objeto ou lista)";
                return false;
        }
    }

    /// <summary>The whitespace-delimited word around <c>texto[inicio..fim]</c>, to show where a stray brace is.</summary>
    static string Palavra(string texto, int inicio, int fim)
    {
        while (inicio > 0 && !char.IsWhiteSpace(texto[inicio - 1]))
            inicio--;
        while (fim < texto.Length && !char.IsWhiteSpace(texto[fim]))
            fim++;
        return texto[inicio..fim];
    }
}

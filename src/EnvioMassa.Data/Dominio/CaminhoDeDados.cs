using System.Text.RegularExpressions;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// A path into a customer's <c>dados</c>: <c>dados.&lt;campo&gt;</c> or <c>dados.&lt;campo&gt;.&lt;sub&gt;</c>, field names
/// of letters, digits, <c>_</c> and <c>-</c>. The one definition behind template placeholders and campaign filters,
/// so a field a template can print is a field a filter can select on.
/// </summary>
public static partial class CaminhoDeDados
{
    public const string Prefixo = "dados.";

    [GeneratedRegex(@"^dados(\.[\p{L}\p{N}_-]+)+$")]
    private static partial Regex Formato();

    public static bool EhValido(string caminho) => Formato().IsMatch(caminho);

    /// <summary>The field names after <c>dados.</c>, outermost first.</summary>
    public static string[] Campos(string caminho) => caminho[Prefixo.Length..].Split('.');

    /// <summary>
    /// <c>dados.fatura.mes</c> → <c>$."fatura"."mes"</c> for MySQL's JSON functions; only for a valid path, whose field
    /// names cannot contain a quote, so quoting them is safe.
    /// </summary>
    public static string ParaJsonPath(string caminho) => "$" + string.Concat(Campos(caminho).Select(c => $".\"{c}\""));
}

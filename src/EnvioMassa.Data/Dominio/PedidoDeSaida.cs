using System.Text;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Whether a customer's reply asks to stop receiving messages: the whole text, trimmed, is one of the opt-out words
/// (<c>OptOut:Palavras</c>), ignoring case, accents and surrounding punctuation ("Sair", " SAÍR! ", "pare."). Only the
/// whole reply counts, so "não quero sair da lista" or "pode parar de ligar?" do not block anyone.
/// </summary>
public static class PedidoDeSaida
{
    public static readonly IReadOnlyList<string> PalavrasPadrao = ["sair", "parar", "pare", "stop", "cancelar", "descadastrar", "remover"];

    public static bool Eh(string? texto, IEnumerable<string> palavras)
    {
        if (string.IsNullOrWhiteSpace(texto))
            return false;
        var resposta = Normalizar(texto);
        return resposta.Length > 0 && palavras.Any(p => Normalizar(p) == resposta);
    }

    /// <summary>Lower case, without accents, inner spaces collapsed, punctuation and emoji around it dropped.</summary>
    /// <remarks>
    /// Accents are folded by a table, not by Unicode decomposition: the hosts run with invariant globalization, where
    /// <see cref="string.Normalize()"/> does not decompose.
    /// </remarks>
    public static string Normalizar(string texto)
    {
        var semAcento = new StringBuilder(texto.Length);
        foreach (var c in texto.ToLowerInvariant())
            semAcento.Append(SemAcento.TryGetValue(c, out var letra) ? letra : c);
        var palavras = semAcento.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var junto = string.Join(' ', palavras);
        var inicio = 0;
        var fim = junto.Length;
        while (inicio < fim && !char.IsLetterOrDigit(junto[inicio]))
            inicio++;
        while (fim > inicio && !char.IsLetterOrDigit(junto[fim - 1]))
            fim--;
        return junto[inicio..fim];
    }

    static readonly Dictionary<char, char> SemAcento = new[]
    {
        ("áàâãäå", 'a'), ("éèêë", 'e'), ("íìîï", 'i'), ("óòôõö", 'o'), ("úùûü", 'u'), ("ç", 'c'), ("ñ", 'n'),
    }.SelectMany(g => g.Item1.Select(c => (c, g.Item2))).ToDictionary(x => x.c, x => x.Item2);
}

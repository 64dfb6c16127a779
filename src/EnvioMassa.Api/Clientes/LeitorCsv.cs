using System.Text;
using System.Text.Json;

namespace EnvioMassa.Api.Clientes;

/// <summary>The CSV file could not be read as a customer list (no header with nome and telefone, too many lines...).</summary>
public sealed class CsvInvalidoException(string message) : Exception(message);

/// <summary>
/// Reads a customer CSV: a header row <c>nome,telefone,&lt;other columns&gt;</c>, the other columns becoming
/// <c>dados</c>. Accepts what spreadsheets export: comma or semicolon, quoted fields (with <c>""</c> and line breaks
/// inside), CRLF, a UTF-8 BOM, and Windows-1252/Latin-1 text when the file is not valid UTF-8.
/// </summary>
public static class LeitorCsv
{
    public static IReadOnlyList<ClienteRecebido> Ler(byte[] conteudo, int maximoDeLinhas)
    {
        var registros = Registros(Decodificar(conteudo)).Where(r => r.Campos.Any(c => c.Length > 0)).ToList();
        if (registros.Count == 0)
            throw new CsvInvalidoException("O arquivo está vazio: a primeira linha deve ser o cabeçalho nome,telefone,...");

        var cabecalho = registros[0].Campos.Select(c => c.Trim()).ToArray();
        var colunaNome = Array.FindIndex(cabecalho, c => c.Equals("nome", StringComparison.OrdinalIgnoreCase));
        var colunaTelefone = Array.FindIndex(cabecalho, c => c.Equals("telefone", StringComparison.OrdinalIgnoreCase));
        if (colunaNome < 0 || colunaTelefone < 0)
            throw new CsvInvalidoException(
                $"O cabeçalho precisa das colunas 'nome' e 'telefone' (veio: {string.Join(", ", cabecalho.Take(10))}).");
        var repetida = cabecalho.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repetida is not null)
            throw new CsvInvalidoException($"A coluna '{repetida.Key}' aparece mais de uma vez no cabeçalho.");
        if (registros.Count - 1 > maximoDeLinhas)
            throw new CsvInvalidoException($"O arquivo tem {registros.Count - 1} clientes; o máximo por importação é {maximoDeLinhas}.");
        if (registros.Count == 1)
            throw new CsvInvalidoException("O arquivo só tem o cabeçalho: nenhum cliente para importar.");

        var extras = Enumerable.Range(0, cabecalho.Length)
            .Where(i => i != colunaNome && i != colunaTelefone && cabecalho[i].Length > 0).ToArray();
        var clientes = new List<ClienteRecebido>(registros.Count - 1);
        foreach (var (linha, campos) in registros.Skip(1))
        {
            string Campo(int i) => i < campos.Length ? campos[i].Trim() : "";
            var erro = campos.Length > cabecalho.Length
                ? $"a linha tem {campos.Length} colunas e o cabeçalho tem {cabecalho.Length}"
                : null;
            clientes.Add(new ClienteRecebido(Campo(colunaNome), Campo(colunaTelefone), Dados(extras, cabecalho, Campo), erro, linha));
        }
        return clientes;
    }

    static string Dados(int[] extras, string[] cabecalho, Func<int, string> campo)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var i in extras)
            {
                // An empty cell is an absent value, so a template that needs it refuses to render.
                if (campo(i) is { Length: > 0 } valor)
                    json.WriteString(cabecalho[i], valor);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static string Decodificar(byte[] conteudo)
    {
        try
        {
            var texto = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(conteudo);
            return texto.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(conteudo);
        }
    }

    static IEnumerable<(int Linha, string[] Campos)> Registros(string texto)
    {
        var separador = Separador(texto);
        var campos = new List<string>();
        var campo = new StringBuilder();
        var linha = 1;
        var inicioDoRegistro = 1;
        var entreAspas = false;
        for (var i = 0; i < texto.Length; i++)
        {
            var c = texto[i];
            if (entreAspas)
            {
                if (c == '"' && i + 1 < texto.Length && texto[i + 1] == '"')
                {
                    campo.Append('"');
                    i++;
                }
                else if (c == '"')
                    entreAspas = false;
                else
                {
                    if (c == '\n')
                        linha++;
                    campo.Append(c);
                }
            }
            else if (c == '"' && campo.Length == 0)
                entreAspas = true;
            else if (c == separador)
            {
                campos.Add(campo.ToString());
                campo.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < texto.Length && texto[i + 1] == '\n')
                    i++;
                campos.Add(campo.ToString());
                campo.Clear();
                yield return (inicioDoRegistro, campos.ToArray());
                campos.Clear();
                inicioDoRegistro = ++linha;
            }
            else
                campo.Append(c);
        }
        if (campo.Length > 0 || campos.Count > 0)
        {
            campos.Add(campo.ToString());
            yield return (inicioDoRegistro, campos.ToArray());
        }
    }

    /// <summary>Spreadsheets set to Portuguese export with <c>;</c>: the header line says which one the file uses.</summary>
    static char Separador(string texto)
    {
        var fim = texto.IndexOfAny(['\r', '\n']);
        var cabecalho = fim < 0 ? texto : texto[..fim];
        return cabecalho.Count(c => c == ';') > cabecalho.Count(c => c == ',') ? ';' : ',';
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace EnvioMassa.Api.Clientes;

/// <summary>The CSV file cannot be read as a customer list; <see cref="Linha"/> says where, when it is one line.</summary>
public sealed class CsvInvalidoException(string message, int? linha = null) : Exception(message)
{
    public int? Linha { get; } = linha;
}

/// <summary>
/// A customer CSV (<c>nome,telefone,&lt;other columns&gt;</c>, the other columns becoming <c>dados</c>) read with Sep,
/// from a seekable stream, in bounded memory. <see cref="Abrir"/> reads the file twice before anything is stored:
/// once as bytes, to choose the encoding (valid UTF-8, with or without BOM, is UTF-8; anything else is Windows-1252,
/// what Excel in Portuguese saves) and the separator (<c>;</c> or <c>,</c>, whichever the header has more of); once
/// through Sep, to refuse a malformed file as a whole — an unclosed quote, a row with more fields than the header —
/// naming the line, so a broken file never leaves half its customers imported. <see cref="Lotes"/> then reads it a
/// third time, a batch at a time.
/// </summary>
public sealed class ArquivoDeClientes
{
    const int TamanhoDoBloco = 64 * 1024;
    const string ColunaNome = "nome";
    const string ColunaTelefone = "telefone";

    static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    // The provider is used directly rather than registered: the API needs this one code page, not a process-wide change.
    static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 indisponível.");

    readonly Stream _arquivo;
    readonly Encoding _codificacao;
    readonly char _separador;
    readonly Cabecalho _cabecalho;

    /// <summary>How many customer rows (non-blank lines after the header) the file has.</summary>
    public int Total { get; }

    sealed record Cabecalho(int Colunas, int Nome, int Telefone, (int Indice, string Nome)[] Extras);

    ArquivoDeClientes(Stream arquivo, Encoding codificacao, char separador, Cabecalho cabecalho, int total)
    {
        (_arquivo, _codificacao, _separador, _cabecalho, Total) = (arquivo, codificacao, separador, cabecalho, total);
    }

    /// <exception cref="CsvInvalidoException">The file is empty, has no usable header, too many rows or a malformed line.</exception>
    public static ArquivoDeClientes Abrir(Stream arquivo, int maximoDeLinhas)
    {
        var (codificacao, separador) = Detectar(arquivo);
        using var leitor = Leitor(arquivo, codificacao, separador);
        var cabecalho = LerCabecalho(leitor);
        var total = 0;
        while (Proxima(leitor, cabecalho, null))
        {
            if (++total > maximoDeLinhas)
                throw new CsvInvalidoException($"O arquivo tem mais de {maximoDeLinhas} clientes, o máximo por importação; divida-o em partes.");
        }
        if (total == 0)
            throw new CsvInvalidoException("O arquivo só tem o cabeçalho: nenhum cliente para importar.");
        return new ArquivoDeClientes(arquivo, codificacao, separador, cabecalho, total);
    }

    /// <summary>The customers in file order, <paramref name="tamanho"/> at a time; each batch is a new list.</summary>
    public IEnumerable<IReadOnlyList<ClienteRecebido>> Lotes(int tamanho)
    {
        using var leitor = Leitor(_arquivo, _codificacao, _separador);
        LerCabecalho(leitor);
        var lote = new List<ClienteRecebido>(tamanho);
        while (LerLote(leitor, lote, tamanho))
        {
            yield return lote;
            lote = new List<ClienteRecebido>(tamanho);
        }
        if (lote.Count > 0)
            yield return lote;
    }

    bool LerLote(SepReader leitor, List<ClienteRecebido> lote, int tamanho)
    {
        while (lote.Count < tamanho)
        {
            if (!Proxima(leitor, _cabecalho, lote))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Moves to the next non-blank row, checks it and, with a <paramref name="destino"/>, adds it there; false at the end.
    /// </summary>
    static bool Proxima(SepReader leitor, Cabecalho cabecalho, List<ClienteRecebido>? destino)
    {
        while (leitor.MoveNext())
        {
            var linha = leitor.Current;
            // Sep takes an unclosed quote as a field running to the end of the file; its quotes then do not pair up.
            if (linha.Span.Count('"') % 2 != 0)
                throw new CsvInvalidoException(
                    $"Linha {linha.LineNumberFrom}: aspas (\") abertas e nunca fechadas; o campo iria até o fim do arquivo. " +
                    "Feche as aspas ou remova-as.", linha.LineNumberFrom);
            if (Vazia(linha))
                continue;
            if (linha.ColCount > cabecalho.Colunas)
                throw new CsvInvalidoException(
                    $"Linha {linha.LineNumberFrom}: {linha.ColCount} campos, mas o cabeçalho tem {cabecalho.Colunas}. " +
                    "Coloque entre aspas os valores que contêm o separador.", linha.LineNumberFrom);
            destino?.Add(Cliente(linha, cabecalho));
            return true;
        }
        return false;
    }

    static ClienteRecebido Cliente(SepReader.Row linha, Cabecalho cabecalho)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (indice, nome) in cabecalho.Extras)
            {
                // An empty cell is an absent value, so a template that needs it refuses to render.
                if (Campo(linha, indice) is { Length: > 0 } valor)
                    json.WriteString(nome, valor);
            }
            json.WriteEndObject();
        }
        return new ClienteRecebido(Campo(linha, cabecalho.Nome), Campo(linha, cabecalho.Telefone),
            Encoding.UTF8.GetString(buffer.WrittenSpan), Linha: linha.LineNumberFrom);
    }

    static string Campo(SepReader.Row linha, int indice) => indice < linha.ColCount ? linha[indice].Span.Trim().ToString() : "";

    static bool Vazia(SepReader.Row linha)
    {
        for (var i = 0; i < linha.ColCount; i++)
        {
            if (!linha[i].Span.IsWhiteSpace())
                return false;
        }
        return true;
    }

    static Cabecalho LerCabecalho(SepReader leitor)
    {
        string[]? nomes = null;
        while (nomes is null && leitor.MoveNext())
        {
            var linha = leitor.Current;
            if (!Vazia(linha))
            {
                nomes = new string[linha.ColCount];
                for (var i = 0; i < nomes.Length; i++)
                    nomes[i] = linha[i].Span.Trim().ToString();
            }
        }
        if (nomes is null)
            throw new CsvInvalidoException("O arquivo está vazio: a primeira linha deve ser o cabeçalho nome,telefone,...");

        var nome = Array.FindIndex(nomes, c => c.Equals(ColunaNome, StringComparison.OrdinalIgnoreCase));
        var telefone = Array.FindIndex(nomes, c => c.Equals(ColunaTelefone, StringComparison.OrdinalIgnoreCase));
        if (nome < 0 || telefone < 0)
        {
            var faltam = new[] { (nome, ColunaNome), (telefone, ColunaTelefone) }.Where(c => c.Item1 < 0).Select(c => $"'{c.Item2}'");
            throw new CsvInvalidoException(
                $"O cabeçalho precisa das colunas 'nome' e 'telefone'; falta {string.Join(" e ", faltam)} " +
                $"(veio: {string.Join(", ", nomes.Take(10))}).");
        }
        var repetida = nomes.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repetida is not null)
            throw new CsvInvalidoException($"A coluna '{repetida.Key}' aparece mais de uma vez no cabeçalho.");

        var extras = Enumerable.Range(0, nomes.Length)
            .Where(i => i != nome && i != telefone && nomes[i].Length > 0)
            .Select(i => (i, nomes[i])).ToArray();
        return new Cabecalho(nomes.Length, nome, telefone, extras);
    }

    static SepReader Leitor(Stream arquivo, Encoding codificacao, char separador)
    {
        arquivo.Position = 0;
        // UTF8Encoding with an identifier skips a BOM; no other BOM is looked for, the encoding is already decided.
        var texto = new StreamReader(arquivo, codificacao, detectEncodingFromByteOrderMarks: false, TamanhoDoBloco, leaveOpen: true);
        return Sep.Reader(o => o with { Sep = new Sep(separador), HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .From(texto);
    }

    /// <summary>
    /// UTF-8 when every byte of the file decodes as UTF-8 (text in Windows-1252 with any accent practically never does),
    /// otherwise Windows-1252; and the header line's separator. Both are ASCII in either encoding, so they are counted
    /// on the bytes.
    /// </summary>
    static (Encoding, char) Detectar(Stream arquivo)
    {
        arquivo.Position = 0;
        var decoder = Utf8.GetDecoder();
        var bytes = new byte[TamanhoDoBloco];
        // A chunk decodes to at most one char per byte, plus the sequence the previous chunk left unfinished.
        var chars = new char[TamanhoDoBloco + 4];
        var utf8 = true;
        var (virgulas, pontosEVirgulas) = (0, 0);
        var posicao = Posicao.AntesDoCabecalho;
        int lidos;
        while ((lidos = arquivo.Read(bytes)) > 0)
        {
            for (var i = 0; i < lidos && posicao != Posicao.DepoisDoCabecalho; i++)
            {
                var b = bytes[i];
                if (b is (byte)'\r' or (byte)'\n')
                    posicao = posicao == Posicao.NoCabecalho ? Posicao.DepoisDoCabecalho : posicao;
                else if (b is not ((byte)' ' or (byte)'\t'))
                {
                    posicao = Posicao.NoCabecalho;
                    virgulas += b == ',' ? 1 : 0;
                    pontosEVirgulas += b == ';' ? 1 : 0;
                }
            }
            if (utf8)
                utf8 = Decodifica(decoder, bytes.AsSpan(0, lidos), chars, final: false);
            else if (posicao == Posicao.DepoisDoCabecalho)
                break;
        }
        if (utf8)
            utf8 = Decodifica(decoder, [], chars, final: true);
        return (utf8 ? Utf8 : Windows1252, pontosEVirgulas > virgulas ? ';' : ',');
    }

    enum Posicao { AntesDoCabecalho, NoCabecalho, DepoisDoCabecalho }

    static bool Decodifica(Decoder decoder, ReadOnlySpan<byte> bytes, Span<char> chars, bool final)
    {
        try
        {
            decoder.GetChars(bytes, chars, final);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

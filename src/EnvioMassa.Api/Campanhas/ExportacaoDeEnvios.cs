using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using EnvioMassa.Data;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Campanhas;

/// <summary>
/// Every row of a campaign as CSV (RFC 4180: comma, CRLF, quotes doubled), streamed: rows are read from MariaDB one at
/// a time, in id order, and written to the response as they come, flushed every <see cref="LinhasPorEnvio"/> rows, so
/// memory does not grow with the campaign (a million rows included).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A UTF-8 BOM leads the file: without it Excel (Windows, pt-BR) reads the bytes as Windows-1252 and "João"
/// becomes "JoÃ£o". Programs that read CSV as UTF-8 skip it.</item>
/// <item>A text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading
/// <c>'</c> (OWASP's advice against formula injection): a customer named <c>=HYPERLINK(…)</c> is shown, never run.
/// Only text that came from outside is neutralised (name, phone, Evolution's id, the error, the instance name);
/// statuses, counts and dates are the system's own.</item>
/// <item>Dates are ISO 8601 in UTC (<c>2026-12-02T18:30:05Z</c>), empty when unset.</item>
/// </list>
/// </remarks>
public sealed class ExportacaoDeEnvios(EnvioMassaDbContext db)
{
    public const string Cabecalho = "telefone,nome,status,tentativas,messageId,erroMensagem,dataEnvio,instancia,entrega,entregueEm,lidaEm";

    const int LinhasPorEnvio = 2000;

    static readonly UTF8Encoding Utf8ComBom = new(encoderShouldEmitUTF8Identifier: true);

    public static string NomeDoArquivo(int campanhaId) => $"campanha-{campanhaId}-envios.csv";

    /// <summary>The instance's name, or null when the campaign does not exist.</summary>
    public async Task<string?> InstanciaDaCampanhaAsync(int campanhaId, CancellationToken ct) =>
        await db.Campanhas.AsNoTracking().Where(c => c.Id == campanhaId).Select(c => c.Instancia!.Nome).FirstOrDefaultAsync(ct);

    public async Task EscreverAsync(int campanhaId, string instancia, Stream destino, CancellationToken ct)
    {
        var conexao = db.Database.GetDbConnection();
        if (conexao.State != ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);

        await using var comando = conexao.CreateCommand();
        comando.CommandText =
            """
            SELECT cl.telefone, cl.nome, d.status, d.tentativas, d.message_id, d.erro_mensagem, d.data_envio, d.entrega,
                   d.entregue_em, d.lida_em
            FROM envios_massa_detalhes d JOIN clientes cl ON cl.id = d.cliente_id
            WHERE d.campanha_id = @campanha
            ORDER BY d.id
            """;
        var parametro = comando.CreateParameter();
        parametro.ParameterName = "@campanha";
        parametro.Value = campanhaId;
        comando.Parameters.Add(parametro);

        await using var escritor = new StreamWriter(destino, Utf8ComBom, bufferSize: 64 * 1024, leaveOpen: true);
        await escritor.WriteAsync(Cabecalho + "\r\n");
        var instanciaCelula = Celula(instancia);
        var linha = new StringBuilder(512);
        await using var leitor = await comando.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var linhas = 0;
        while (await leitor.ReadAsync(ct))
        {
            linha.Clear()
                .Append(Celula(leitor.GetString(0))).Append(',')
                .Append(Celula(leitor.GetString(1))).Append(',')
                .Append(leitor.GetString(2)).Append(',')
                .Append(leitor.GetInt32(3).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Celula(Texto(leitor, 4))).Append(',')
                .Append(Celula(Texto(leitor, 5))).Append(',')
                .Append(Data(leitor, 6)).Append(',')
                .Append(instanciaCelula).Append(',')
                .Append(Texto(leitor, 7)).Append(',')
                .Append(Data(leitor, 8)).Append(',')
                .Append(Data(leitor, 9)).Append("\r\n");
            await escritor.WriteAsync(linha, ct);
            if (++linhas % LinhasPorEnvio == 0)
                await escritor.FlushAsync(ct);
        }
        await escritor.FlushAsync(ct);
    }

    /// <summary>One text cell: neutralised against formulas, then quoted when it holds a comma, a quote or a line break.</summary>
    public static string Celula(string? valor)
    {
        if (string.IsNullOrEmpty(valor))
            return "";
        if (valor[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            valor = "'" + valor;
        return valor.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + valor.Replace("\"", "\"\"") + "\""
            : valor;
    }

    static string? Texto(DbDataReader leitor, int coluna) => leitor.IsDBNull(coluna) ? null : leitor.GetString(coluna);

    static string Data(DbDataReader leitor, int coluna) =>
        leitor.IsDBNull(coluna) ? "" : leitor.GetDateTime(coluna).ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}

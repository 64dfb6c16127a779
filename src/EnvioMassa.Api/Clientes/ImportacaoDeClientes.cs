using System.Text.Json.Serialization;
using EnvioMassa.Api.Extensions;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Clientes;

/// <summary>One customer as it came in (JSON item or CSV line), before validation.</summary>
/// <param name="Dados">The JSON object text, or null when the input did not say (an update then keeps the old data).</param>
/// <param name="Erro">A problem already found while reading the input.</param>
/// <param name="Linha">The CSV line, for the report.</param>
public sealed record ClienteRecebido(string? Nome, string? Telefone, string? Dados, string? Erro = null, int? Linha = null);

public sealed record ClienteInvalido(
    int Indice,
    string? Telefone,
    string Motivo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Linha);

public sealed record ResultadoImportacao(int Criados, int Atualizados, IReadOnlyList<int?> Ids, IReadOnlyList<ClienteInvalido> Invalidos);

/// <summary>
/// Creates or updates customers by their normalised phone (unique): a known phone updates that customer. Invalid rows
/// are reported by position and never stored, so they can never be sent to. Customers are written a batch at a time
/// and forgotten by the context after it, so an import's memory grows with the batch, not with the file.
/// </summary>
public sealed class ImportacaoDeClientes(EnvioMassaDbContext db, ILogger<ImportacaoDeClientes> logger)
{
    public const int MaximoPorRequisicao = 50_000;
    public const int Lote = 1_000;
    const int TamanhoMaximoDados = 16_000;
    const int Tentativas = 3;

    sealed record Valido(int Indice, string Nome, string Telefone, string? Dados);

    public Task<ResultadoImportacao> ImportarAsync(IReadOnlyList<ClienteRecebido> recebidos, CancellationToken ct) =>
        ImportarAsync(recebidos.Count, recebidos.Chunk(Lote), ct);

    /// <param name="total">How many customers <paramref name="lotes"/> holds, for the <c>ids</c> of the answer.</param>
    public async Task<ResultadoImportacao> ImportarAsync(int total, IEnumerable<IReadOnlyList<ClienteRecebido>> lotes, CancellationToken ct)
    {
        var ids = new int?[total];
        var invalidos = new List<ClienteInvalido>();
        int criados = 0, atualizados = 0, indice = 0;
        foreach (var lote in lotes)
        {
            var validos = new List<Valido>(lote.Count);
            foreach (var r in lote)
            {
                if (Validar(r, out var digitos) is { } motivo)
                    invalidos.Add(new ClienteInvalido(indice, r.Telefone, motivo, r.Linha));
                else
                    validos.Add(new Valido(indice, r.Nome!.Trim(), digitos, r.Dados));
                indice++;
            }
            var (c, a) = await GravarComRepeticaoAsync(validos, ids, ct);
            criados += c;
            atualizados += a;
        }
        logger.LogInformation("Clientes importados: {Criados} criados, {Atualizados} atualizados, {Invalidos} inválidos",
            criados, atualizados, invalidos.Count);
        return new ResultadoImportacao(criados, atualizados, ids, invalidos);
    }

    async Task<(int Criados, int Atualizados)> GravarComRepeticaoAsync(List<Valido> validos, int?[] ids, CancellationToken ct)
    {
        // Two imports of the same new phone at once: the loser of the unique key reads the winner's row and updates it.
        for (var tentativa = 1; ; tentativa++)
        {
            try
            {
                return await GravarAsync(validos, ids, ct);
            }
            catch (DbUpdateException e) when (e.EhChaveDuplicada() && tentativa < Tentativas)
            {
                logger.LogInformation("Telefone cadastrado ao mesmo tempo por outra importação; repetindo ({Tentativa})", tentativa);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<(int Criados, int Atualizados)> GravarAsync(List<Valido> validos, int?[] ids, CancellationToken ct)
    {
        var telefones = validos.Select(v => v.Telefone).Distinct().ToList();
        var porTelefone = await db.Clientes.Where(c => telefones.Contains(c.Telefone)).ToDictionaryAsync(c => c.Telefone, ct);

        int criados = 0, atualizados = 0;
        foreach (var v in validos)
        {
            if (porTelefone.TryGetValue(v.Telefone, out var cliente))
            {
                cliente.Nome = v.Nome;
                if (v.Dados is not null)
                    cliente.Dados = v.Dados;
                atualizados++;
            }
            else
            {
                cliente = new Cliente { Nome = v.Nome, Telefone = v.Telefone, Dados = v.Dados ?? "{}" };
                db.Clientes.Add(cliente);
                porTelefone[v.Telefone] = cliente;
                criados++;
            }
        }
        await db.SaveChangesAsync(ct);

        foreach (var v in validos)
            ids[v.Indice] = porTelefone[v.Telefone].Id;
        return (criados, atualizados);
    }

    static string? Validar(ClienteRecebido r, out string digitos)
    {
        digitos = "";
        if (r.Erro is not null)
            return r.Erro;
        if (!Telefone.TryNormalizar(r.Telefone, out digitos, out var motivo))
            return motivo;
        var nome = r.Nome?.Trim() ?? "";
        if (nome.Length == 0)
            return "nome vazio";
        if (nome.Length > 255)
            return "nome com mais de 255 caracteres";
        if (r.Dados?.Length > TamanhoMaximoDados)
            return $"dados com mais de {TamanhoMaximoDados} caracteres";
        return null;
    }
}

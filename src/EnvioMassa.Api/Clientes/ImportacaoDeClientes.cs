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
/// are reported by position and never stored, so they can never be sent to.
/// </summary>
public sealed class ImportacaoDeClientes(EnvioMassaDbContext db, ILogger<ImportacaoDeClientes> logger)
{
    public const int MaximoPorRequisicao = 50_000;
    const int TamanhoMaximoDados = 16_000;
    const int Lote = 1_000;
    const int Tentativas = 3;

    sealed record Valido(int Indice, string Nome, string Telefone, string? Dados);

    public async Task<ResultadoImportacao> ImportarAsync(IReadOnlyList<ClienteRecebido> recebidos, CancellationToken ct)
    {
        var validos = new List<Valido>(recebidos.Count);
        var invalidos = new List<ClienteInvalido>();
        for (var i = 0; i < recebidos.Count; i++)
        {
            var r = recebidos[i];
            if (Validar(r) is { } motivo)
                invalidos.Add(new ClienteInvalido(i, r.Telefone, motivo, r.Linha));
            else
            {
                Telefone.TryNormalizar(r.Telefone, out var digitos, out _);
                validos.Add(new Valido(i, r.Nome!.Trim(), digitos, r.Dados));
            }
        }

        // Two imports of the same new phone at once: the loser of the unique key reads the winner's row and updates it.
        for (var tentativa = 1; ; tentativa++)
        {
            try
            {
                return await GravarAsync(recebidos.Count, validos, invalidos, ct);
            }
            catch (DbUpdateException e) when (e.EhChaveDuplicada() && tentativa < Tentativas)
            {
                logger.LogInformation("Telefone cadastrado ao mesmo tempo por outra importação; repetindo ({Tentativa})", tentativa);
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<ResultadoImportacao> GravarAsync(int total, List<Valido> validos, List<ClienteInvalido> invalidos, CancellationToken ct)
    {
        var porTelefone = new Dictionary<string, Cliente>();
        foreach (var lote in validos.Select(v => v.Telefone).Distinct().Chunk(Lote))
        {
            foreach (var existente in await db.Clientes.Where(c => lote.Contains(c.Telefone)).ToListAsync(ct))
                porTelefone[existente.Telefone] = existente;
        }

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

        var ids = new int?[total];
        foreach (var v in validos)
            ids[v.Indice] = porTelefone[v.Telefone].Id;
        logger.LogInformation("Clientes importados: {Criados} criados, {Atualizados} atualizados, {Invalidos} inválidos",
            criados, atualizados, invalidos.Count);
        return new ResultadoImportacao(criados, atualizados, ids, invalidos);
    }

    static string? Validar(ClienteRecebido r)
    {
        if (r.Erro is not null)
            return r.Erro;
        if (!Telefone.TryNormalizar(r.Telefone, out _, out var motivo))
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

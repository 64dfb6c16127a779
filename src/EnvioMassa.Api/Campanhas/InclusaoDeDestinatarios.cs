using EnvioMassa.Api.Extensions;
using System.Globalization;
using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EnvioMassa.Api.Campanhas;

/// <summary>Which customers to add to a campaign.</summary>
public abstract record Selecao
{
    public sealed record PorIds(IReadOnlyList<int> Ids) : Selecao;

    /// <summary>Customers whose <c>dados</c> hold all these values; <c>Caminho</c> is a JSON path (<c>$."cidade"</c>).</summary>
    public sealed record PorFiltro(IReadOnlyList<(string Caminho, string Valor)> Condicoes) : Selecao;

    public sealed record Todos : Selecao;
}

public abstract record Inclusao
{
    public sealed record Feita(int Adicionados, int Ignorados, int Bloqueados) : Inclusao;
    public sealed record CampanhaInexistente : Inclusao;
    public sealed record ForaDeRascunho(string Status) : Inclusao;
    public sealed record ClientesInexistentes(IReadOnlyList<int> Exemplos, int Quantidade) : Inclusao;
}

/// <summary>
/// Adds recipients to a campaign that is still <c>rascunho</c>. The campaign row is locked for the whole transaction,
/// so a concurrent start waits; the unique (campanha_id, cliente_id) key makes a customer never be added twice
/// (<c>INSERT IGNORE … SELECT</c>); and <c>total_clientes</c> is recounted from the rows in the same transaction.
/// </summary>
public sealed class InclusaoDeDestinatarios(EnvioMassaDbContext db, ILogger<InclusaoDeDestinatarios> logger)
{
    const int Lote = 1_000;
    const string Inserir = "INSERT IGNORE INTO envios_massa_detalhes (campanha_id, cliente_id) ";

    /// <summary>A blocked phone (opt-out) is never added to a campaign.</summary>
    const string NaoBloqueado = " AND NOT EXISTS (SELECT 1 FROM bloqueios b WHERE b.telefone = c.telefone)";
    const string Bloqueado = " AND EXISTS (SELECT 1 FROM bloqueios b WHERE b.telefone = c.telefone)";

    public async Task<Inclusao> IncluirAsync(int campanhaId, Selecao selecao, CancellationToken ct)
    {
        await using var propria = await TransacaoPropria.AbrirAsync(db.Database, ct);
        var status = await db.Database
            .SqlQueryRaw<string>("SELECT status AS Value FROM campanhas_envio_massa WHERE id = @c FOR UPDATE", Campanha(campanhaId))
            .ToListAsync(ct);
        if (status.Count == 0)
            return new Inclusao.CampanhaInexistente();
        if (status[0] != StatusCampanha.Rascunho)
            return new Inclusao.ForaDeRascunho(status[0]);

        int adicionados, encontrados, bloqueados = 0;
        switch (selecao)
        {
            case Selecao.PorIds porIds:
                var ids = porIds.Ids.Distinct().ToList();
                var inexistentes = await InexistentesAsync(ids, ct);
                if (inexistentes.Count > 0)
                    return new Inclusao.ClientesInexistentes(inexistentes.Take(10).ToList(), inexistentes.Count);
                adicionados = 0;
                foreach (var lote in ids.Chunk(Lote))
                {
                    adicionados += await db.Database.ExecuteSqlRawAsync(
                        Inserir + $"SELECT @c, c.id FROM clientes c WHERE c.id IN ({Lista(lote)})" + NaoBloqueado, [Campanha(campanhaId)], ct);
                    bloqueados += await ContarAsync($"SELECT COUNT(*) AS Value FROM clientes c WHERE c.id IN ({Lista(lote)})" + Bloqueado, [], ct);
                }
                encontrados = porIds.Ids.Count;
                break;

            case Selecao.PorFiltro filtro:
                var (onde, parametros) = Condicoes(filtro);
                adicionados = await db.Database.ExecuteSqlRawAsync(
                    Inserir + $"SELECT @c, c.id FROM clientes c WHERE {onde}" + NaoBloqueado, [Campanha(campanhaId), .. parametros()], ct);
                encontrados = await ContarAsync($"SELECT COUNT(*) AS Value FROM clientes c WHERE {onde}", parametros(), ct);
                bloqueados = await ContarAsync($"SELECT COUNT(*) AS Value FROM clientes c WHERE {onde}" + Bloqueado, parametros(), ct);
                break;

            default:
                adicionados = await db.Database.ExecuteSqlRawAsync(
                    Inserir + "SELECT @c, c.id FROM clientes c WHERE TRUE" + NaoBloqueado, [Campanha(campanhaId)], ct);
                encontrados = await ContarAsync("SELECT COUNT(*) AS Value FROM clientes", [], ct);
                bloqueados = await ContarAsync("SELECT COUNT(*) AS Value FROM clientes c WHERE TRUE" + Bloqueado, [], ct);
                break;
        }

        // versao moves too: the saga keeps its state in this row with optimistic concurrency and must re-read it.
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE campanhas_envio_massa
            SET total_clientes = (SELECT COUNT(*) FROM envios_massa_detalhes WHERE campanha_id = @c), versao = versao + 1
            WHERE id = @c
            """, [Campanha(campanhaId)], ct);
        await propria.CommitAsync(ct);

        logger.LogInformation("Destinatários incluídos na campanha {CampanhaId}: {Adicionados} novos, {Ignorados} já estavam, {Bloqueados} bloqueados",
            campanhaId, adicionados, encontrados - adicionados - bloqueados, bloqueados);
        return new Inclusao.Feita(adicionados, encontrados - adicionados - bloqueados, bloqueados);
    }

    async Task<List<int>> InexistentesAsync(List<int> ids, CancellationToken ct)
    {
        var existentes = new HashSet<int>();
        foreach (var lote in ids.Chunk(Lote))
        {
            // Only integers are spliced into this SQL.
            var sql = $"SELECT id AS Value FROM clientes WHERE id IN ({Lista(lote)})";
            existentes.UnionWith(await db.Database.SqlQueryRaw<int>(sql).ToListAsync(ct));
        }
        return ids.Where(id => !existentes.Contains(id)).ToList();
    }

    async Task<int> ContarAsync(string sql, object[] parametros, CancellationToken ct) =>
        (int)(await db.Database.SqlQueryRaw<long>(sql, parametros).ToListAsync(ct))[0];

    /// <summary>
    /// Exact equality of <c>dados</c> values per condition (MariaDB's JSON text is compared byte by byte: case and
    /// accents matter). Parameters are recreated per command because a MySqlParameter belongs to one command.
    /// </summary>
    static (string Onde, Func<object[]> Parametros) Condicoes(Selecao.PorFiltro filtro)
    {
        var onde = string.Join(" AND ", filtro.Condicoes.Select((_, i) => $"JSON_UNQUOTE(JSON_EXTRACT(c.dados, @p{i})) = @v{i}"));
        return (onde, () => filtro.Condicoes
            .SelectMany((c, i) => new object[] { new MySqlParameter($"@p{i}", c.Caminho), new MySqlParameter($"@v{i}", c.Valor) })
            .ToArray());
    }

    static MySqlParameter Campanha(int id) => new("@c", id);

    static string Lista(IEnumerable<int> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}

using EnvioMassa.Data;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.IntegrationTests.Infrastructure;

/// <summary>Puts data straight into the database, as the API would have left it, for pipeline tests.</summary>
public sealed class Seed(string connectionString)
{
    static int _nextPhone = 1000;

    public EnvioMassaDbContext Db()
    {
        var options = new DbContextOptionsBuilder<EnvioMassaDbContext>();
        DatabaseExtensions.Configure(options, connectionString);
        return new EnvioMassaDbContext(options.Options);
    }

    public async Task<Instancia> InstanciaAsync(string evolutionInstance)
    {
        await using var db = Db();
        var instancia = new Instancia { Nome = evolutionInstance, EvolutionInstance = evolutionInstance, Estado = EstadoInstancia.Open };
        db.Instancias.Add(instancia);
        await db.SaveChangesAsync();
        return instancia;
    }

    /// <summary>A campaign in <c>rascunho</c> with <paramref name="destinatarios"/> new customers, all rows <c>pendente</c>.</summary>
    public async Task<CampanhaSemeada> CampanhaAsync(Instancia instancia, int destinatarios, int intervaloSegundos,
        string conteudo = "Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje.", bool retomarAutomaticamente = false,
        Action<Campanha>? configurar = null)
    {
        await using var db = Db();
        var template = new Template { Nome = "t", Conteudo = conteudo };
        db.Templates.Add(template);
        var clientes = Enumerable.Range(0, destinatarios).Select(i =>
        {
            var n = Interlocked.Increment(ref _nextPhone);
            return new Cliente
            {
                Nome = $"Cliente {n}",
                Telefone = $"55119{Random.Shared.Next(1000, 9999)}{n:D4}",
                Dados = $$"""{"valor":"R$ {{n}},00"}""",
            };
        }).ToList();
        db.Clientes.AddRange(clientes);
        await db.SaveChangesAsync();

        var campanha = new Campanha
        {
            Nome = $"Campanha {Guid.NewGuid():N}"[..20],
            TemplateId = template.Id,
            InstanciaId = instancia.Id,
            IntervaloSegundos = intervaloSegundos,
            TotalClientes = destinatarios,
            RetomarAutomaticamente = retomarAutomaticamente,
        };
        configurar?.Invoke(campanha);
        db.Campanhas.Add(campanha);
        await db.SaveChangesAsync();
        db.Envios.AddRange(clientes.Select(c => new EnvioDetalhe { CampanhaId = campanha.Id, ClienteId = c.Id }));
        await db.SaveChangesAsync();
        return new CampanhaSemeada(campanha.Id, instancia.EvolutionInstance, clientes.Select(c => c.Telefone).ToList());
    }

    public async Task<string> StatusAsync(int campanhaId)
    {
        await using var db = Db();
        return await db.Campanhas.Where(c => c.Id == campanhaId).Select(c => c.Status).SingleAsync();
    }

    public async Task<Campanha> CampanhaAsync(int campanhaId)
    {
        await using var db = Db();
        return await db.Campanhas.AsNoTracking().SingleAsync(c => c.Id == campanhaId);
    }

    /// <summary>The campaign's rows by the recipient's phone.</summary>
    public async Task<Dictionary<string, EnvioDetalhe>> EnviosPorTelefoneAsync(int campanhaId)
    {
        await using var db = Db();
        return await db.Envios.AsNoTracking().Where(e => e.CampanhaId == campanhaId)
            .Join(db.Clientes, e => e.ClienteId, c => c.Id, (e, c) => new { e, c.Telefone })
            .ToDictionaryAsync(x => x.Telefone, x => x.e);
    }

    /// <summary>The phone number of each recipient of the campaign, by customer id.</summary>
    public async Task<Dictionary<int, string>> TelefonesAsync(int campanhaId)
    {
        await using var db = Db();
        return await db.Envios.AsNoTracking().Where(e => e.CampanhaId == campanhaId)
            .Select(e => new { e.ClienteId, e.Cliente!.Telefone })
            .ToDictionaryAsync(e => e.ClienteId, e => e.Telefone);
    }

    /// <summary>How many rows of the whole database are in a final state (enviado, erro, incerto, cancelado).</summary>
    public async Task<int> FinaisAsync()
    {
        await using var db = Db();
        return await db.Database.SqlQuery<int>(
                $"SELECT COUNT(*) AS Value FROM envios_massa_detalhes WHERE status IN ('enviado', 'erro', 'incerto', 'cancelado')")
            .SingleAsync();
    }

    sealed record Contagem(int CampanhaId, string Campanha, string Status, bool Contabilizado, int Linhas);

    /// <summary>One line per campaign: its status, then its rows by status (and how many are not counted yet).</summary>
    public async Task<string> ResumoAsync()
    {
        await using var db = Db();
        var contagens = await db.Database.SqlQuery<Contagem>(
                $"""
                 SELECT c.id AS CampanhaId, c.status AS Campanha, d.status AS Status, d.contabilizado AS Contabilizado, COUNT(*) AS Linhas
                 FROM campanhas_envio_massa c JOIN envios_massa_detalhes d ON d.campanha_id = c.id
                 GROUP BY c.id, c.status, d.status, d.contabilizado ORDER BY c.id, d.status
                 """)
            .ToListAsync();
        return string.Concat(contagens.GroupBy(c => (c.CampanhaId, c.Campanha)).Select(g =>
            $"  campanha {g.Key.CampanhaId} ({g.Key.Campanha}): " +
            string.Join(", ", g.Select(c => $"{c.Status}{(c.Contabilizado ? "" : " não contado")} {c.Linhas}")) + "\n"));
    }

    public async Task<List<EnvioDetalhe>> EnviosAsync(int campanhaId)
    {
        await using var db = Db();
        return await db.Envios.AsNoTracking().Where(e => e.CampanhaId == campanhaId).OrderBy(e => e.Id).ToListAsync();
    }
}

public sealed record CampanhaSemeada(int Id, string Instancia, IReadOnlyList<string> Telefones);

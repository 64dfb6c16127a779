using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace EnvioMassa.IntegrationTests.Schema;

/// <summary>The migrations, applied to the real MariaDB, give the seed's tables, collation and keys.</summary>
public sealed class When_the_migrations_run : IAsyncLifetime
{
    TestServers _servers = null!;
    string _connectionString = "";

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync("schema");
    }

    public Task DisposeAsync() => _servers.DropDatabaseAsync(_connectionString);

    async Task<List<(string, string)>> QueryAsync(string sql)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task Should_create_every_table_in_utf8mb4_unicode_ci()
    {
        var tables = await QueryAsync(
            "SELECT table_name, table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> '__EFMigrationsHistory'");
        Assert.Equal(
            new[] { "bloqueios", "campanha_instancias", "campanha_templates", "campanhas_envio_massa", "chaves_idempotencia", "clientes", "envios_massa_detalhes", "instancias", "respostas", "templates", "verificacoes_numero" },
            tables.Select(t => t.Item1).Order().ToArray());
        Assert.All(tables, t => Assert.Equal("utf8mb4_unicode_ci", t.Item2));

        var textColumns = await QueryAsync(
            "SELECT CONCAT(table_name, '.', column_name), collation_name FROM information_schema.columns " +
            "WHERE table_schema = DATABASE() AND collation_name IS NOT NULL AND table_name <> '__EFMigrationsHistory' " +
            "AND data_type <> 'longtext'");
        Assert.NotEmpty(textColumns);
        Assert.All(textColumns, c => Assert.Equal("utf8mb4_unicode_ci", c.Item2));
    }

    [Fact]
    public async Task Should_keep_the_seed_columns_of_both_seed_tables()
    {
        var columns = (await QueryAsync(
                "SELECT CONCAT(table_name, '.', column_name), column_type FROM information_schema.columns WHERE table_schema = DATABASE()"))
            .ToDictionary(c => c.Item1, c => c.Item2);
        string[] campanha = ["id", "nome", "status", "template_id", "instancia_id", "intervalo_segundos", "total_clientes",
            "enviados", "sucessos", "falhas", "data_inicio", "data_conclusao", "created_at", "updated_at"];
        string[] detalhe = ["id", "campanha_id", "cliente_id", "status", "tentativas", "message_id", "mensagem_enviada",
            "erro_mensagem", "data_envio", "created_at", "updated_at"];
        Assert.All(campanha, c => Assert.Contains($"campanhas_envio_massa.{c}", columns.Keys));
        Assert.All(detalhe, c => Assert.Contains($"envios_massa_detalhes.{c}", columns.Keys));
        Assert.Equal("enum('rascunho','agendada','enviando','pausada','concluida','cancelada','erro')", columns["campanhas_envio_massa.status"]);
        // The seed's values first and in their order (stored rows keep their meaning); bloqueado (opt-out) appended.
        Assert.Equal("enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado','bloqueado')", columns["envios_massa_detalhes.status"]);
    }

    [Fact]
    public async Task Should_refuse_a_customer_twice_in_one_campaign()
    {
        var seed = new Seed(_connectionString);
        var instancia = await seed.InstanciaAsync("unica");
        var campanha = await seed.CampanhaAsync(instancia, 1, 10);
        await using var db = seed.Db();
        var clienteId = await db.Envios.Where(e => e.CampanhaId == campanha.Id).Select(e => e.ClienteId).SingleAsync();
        db.Envios.Add(new EnvioDetalhe { CampanhaId = campanha.Id, ClienteId = clienteId });
        var erro = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(MySqlErrorCode.DuplicateKeyEntry, Assert.IsType<MySqlException>(erro.InnerException).ErrorCode);
    }

    [Fact]
    public async Task Should_refuse_two_customers_with_one_phone()
    {
        await using var db = new Seed(_connectionString).Db();
        db.Clientes.Add(new Cliente { Nome = "Ana", Telefone = "5511999990001" });
        db.Clientes.Add(new Cliente { Nome = "Outra Ana", Telefone = "5511999990001" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Should_refuse_two_live_instances_with_one_evolution_name_but_free_a_deleted_ones()
    {
        await using var db = new Seed(_connectionString).Db();
        db.Instancias.Add(new Instancia { Nome = "antiga", EvolutionInstance = "loja-reusada", ExcluidaEm = DateTime.UtcNow });
        db.Instancias.Add(new Instancia { Nome = "nova", EvolutionInstance = "loja-reusada" });
        await db.SaveChangesAsync();

        db.Instancias.Add(new Instancia { Nome = "outra nova", EvolutionInstance = "loja-reusada" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Should_index_the_pipeline_queries()
    {
        var indexes = (await QueryAsync(
                "SELECT CONCAT(table_name, '.', index_name), GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics " +
                "WHERE table_schema = DATABASE() GROUP BY table_name, index_name"))
            .ToDictionary(i => i.Item1, i => i.Item2);
        Assert.Equal("campanha_id,cliente_id", indexes["envios_massa_detalhes.ux_envios_campanha_cliente"]);
        Assert.Equal("campanha_id,status,data_envio", indexes["envios_massa_detalhes.ix_envios_campanha_status_data"]);
        Assert.Equal("instancia_id,status", indexes["campanhas_envio_massa.ix_campanhas_instancia_status"]);
        Assert.Equal("evolution_instance_ativa", indexes["instancias.ux_instancias_evolution_instance_ativa"]);
        Assert.Equal("expira_em", indexes["chaves_idempotencia.ix_chaves_idempotencia_expira_em"]);
        Assert.Equal("telefone", indexes["clientes.ux_clientes_telefone"]);
    }

    [Fact]
    public async Task Should_store_non_latin_text_intact()
    {
        await using (var db = new Seed(_connectionString).Db())
        {
            db.Templates.Add(new Template { Nome = "emoji", Conteudo = "Olá {{nome}} 👋 ção" });
            await db.SaveChangesAsync();
        }

        await using var check = new Seed(_connectionString).Db();
        Assert.Equal("Olá {{nome}} 👋 ção", await check.Templates.Where(t => t.Nome == "emoji").Select(t => t.Conteudo).SingleAsync());
    }
}

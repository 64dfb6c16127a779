using System.Diagnostics;
using System.Net;
using System.Text;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// <c>GET /api/campanhas/{id}/envios.csv</c> streams: a million rows go through a real API process while its memory
/// stays flat. The peak resident set (<c>VmHWM</c>) is read from /proc before and after the export.
/// </summary>
public sealed class When_a_large_campaign_is_exported(ITestOutputHelper output)
{
    const int Linhas = 1_000_000;
    const long CrescimentoMaximo = 150L * 1024 * 1024;

    [Fact]
    public async Task Should_stream_a_million_rows_with_bounded_memory()
    {
        await using var env = await PipelineEnvironment.CreateAsync("export1m");
        var relogio = Stopwatch.StartNew();
        var campanha = await SemearAsync(env);
        output.WriteLine($"{Linhas:N0} linhas semeadas em {relogio.Elapsed.TotalSeconds:0.0} s");

        var api = await env.StartApiProcessAsync();
        using var http = PipelineEnvironment.ApiHttp(api, TimeSpan.FromMinutes(10));
        // A first, small export: what the process needs for any export (JIT, pools) is in the baseline.
        var pequena = await env.Seed.CampanhaAsync(await env.Seed.InstanciaAsync("loja-pequena"), destinatarios: 3, intervaloSegundos: 1);
        Assert.Equal(4, (await http.GetStringAsync($"/api/campanhas/{pequena.Id}/envios.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var antes = PicoResidente(api.Pid);

        relogio.Restart();
        using var response = await http.GetAsync($"/api/campanhas/{campanha}/envios.csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var leitor = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var cabecalho = await leitor.ReadLineAsync();
        var primeira = await leitor.ReadLineAsync();
        var contadas = primeira is null ? 0 : 1;
        var primeiraMetade = TimeSpan.Zero;
        while (await leitor.ReadLineAsync() is not null)
        {
            if (++contadas == Linhas / 2)
                primeiraMetade = relogio.Elapsed;
        }
        var duracao = relogio.Elapsed;
        var depois = PicoResidente(api.Pid);

        output.WriteLine($"exportadas {contadas:N0} linhas em {duracao.TotalSeconds:0.0} s (metade em {primeiraMetade.TotalSeconds:0.0} s)");
        output.WriteLine($"VmHWM da API: {antes / 1024 / 1024} MB antes, {depois / 1024 / 1024} MB depois (+{(depois - antes) / 1024 / 1024} MB)");
        Assert.Equal("telefone,nome,status,tentativas,messageId,erroMensagem,dataEnvio,instancia,entrega,entregueEm,lidaEm", cabecalho);
        Assert.StartsWith("5511000000001,Cliente 1,enviado,1,3EB0", primeira);
        Assert.Equal(Linhas, contadas);
        Assert.True(depois - antes < CrescimentoMaximo,
            $"a memória da API cresceu {(depois - antes) / 1024 / 1024} MB durante a exportação (limite {CrescimentoMaximo / 1024 / 1024} MB)");
    }

    /// <summary>A million customers and rows straight in SQL, from MariaDB's Sequence engine: seconds, not minutes.</summary>
    static async Task<int> SemearAsync(PipelineEnvironment env)
    {
        var instancia = await env.Seed.InstanciaAsync("loja-grande");
        await using var db = env.Seed.Db();
        var template = new Template { Nome = "t", Conteudo = "Olá {{nome}}" };
        db.Templates.Add(template);
        await db.SaveChangesAsync();
        var campanha = new Campanha
        {
            Nome = "Um milhão", TemplateId = template.Id, InstanciaId = instancia.Id, TotalClientes = Linhas, Status = StatusCampanha.Concluida,
        };
        db.Campanhas.Add(campanha);
        await db.SaveChangesAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO clientes (nome, telefone, dados)
             SELECT CONCAT('Cliente ', seq), CONCAT('5511', LPAD(seq, 9, '0')), {"{}"} FROM seq_1_to_1000000
             """);
        // One in ten failed, the rest sent and delivered: every column of the export has something to write.
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO envios_massa_detalhes (campanha_id, cliente_id, status, tentativas, message_id, erro_mensagem, data_envio,
                                                entrega, entregue_em, contabilizado)
             SELECT {campanha.Id}, c.id, IF(c.id % 10 = 0, {StatusEnvio.Erro}, {StatusEnvio.Enviado}), 1,
                    IF(c.id % 10 = 0, NULL, CONCAT('3EB0', LPAD(HEX(c.id), 18, '0'))),
                    IF(c.id % 10 = 0, 'Número não está no WhatsApp (Evolution HTTP 400: exists=false)', NULL),
                    '2026-12-02 12:00:00', IF(c.id % 10 = 0, NULL, {StatusEntrega.Entregue}), IF(c.id % 10 = 0, NULL, '2026-12-02 12:00:01.5'), 1
             FROM clientes c WHERE c.telefone LIKE '5511%' ORDER BY c.id
             """);
        return campanha.Id;
    }

    /// <summary>The process's peak resident set so far, in bytes (Linux /proc).</summary>
    static long PicoResidente(int pid)
    {
        var linha = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(linha["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}

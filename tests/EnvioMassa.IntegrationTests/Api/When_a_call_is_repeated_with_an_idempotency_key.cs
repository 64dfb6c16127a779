extern alias ApiHost;

using EnvioMassa.Data.Entities;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ApiHost::EnvioMassa.Api.Idempotencia;
using EnvioMassa.Contracts;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace EnvioMassa.IntegrationTests.Api;

public class When_a_call_is_repeated_with_an_idempotency_key(IdempotenciaFixture fixture) : IClassFixture<IdempotenciaFixture>
{
    readonly HttpClient _http = fixture.Cliente();
    ApiFixture Api => fixture.Api;

    /// <summary>What a client can see of an answer.</summary>
    sealed record Resposta(HttpStatusCode Status, string Corpo, string? ContentType, string? Location, bool Repetida)
    {
        public static async Task<Resposta> DeAsync(HttpResponseMessage r) => new(
            r.StatusCode, await r.Content.ReadAsStringAsync(), r.Content.Headers.ContentType?.ToString(),
            r.Headers.Location?.OriginalString,
            r.Headers.TryGetValues(AceitaIdempotencyKey.CabecalhoDeRepeticao, out var v) && v.Single() == "true");

        public Resposta ComoOriginal() => this with { Repetida = false };
    }

    /// <summary><paramref name="repetida"/> is <paramref name="primeira"/> replayed, and says so.</summary>
    static void Repete(Resposta primeira, Resposta repetida)
    {
        Assert.False(primeira.Repetida);
        Assert.True(repetida.Repetida, $"Sem {AceitaIdempotencyKey.CabecalhoDeRepeticao}: {repetida}");
        Assert.Equal(primeira, repetida.ComoOriginal());
    }

    static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, object? corpo, string? chave)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = corpo is null ? null : JsonContent.Create(corpo) };
        if (chave is not null)
            request.Headers.TryAddWithoutValidation(AceitaIdempotencyKey.Cabecalho, chave);
        return await http.SendAsync(request);
    }

    static string NovaChave() => $"chave-{Guid.NewGuid()}";

    async Task<object> NovaCampanhaAsync(HttpClient? http = null)
    {
        http ??= _http;
        var nome = $"i-{Guid.NewGuid():N}";
        await Api.Evolution.AddInstanceAsync(nome);
        return new
        {
            nome = $"Idempotente {Guid.NewGuid():N}",
            templateId = await http.CriarTemplateAsync(),
            instanciaId = await http.CriarInstanciaAsync(nome),
        };
    }

    async Task<int> CampanhasChamadasAsync(object corpo)
    {
        var nome = (string)corpo.GetType().GetProperty("nome")!.GetValue(corpo)!;
        await using var db = Api.Seed.Db();
        return await db.Campanhas.CountAsync(c => c.Nome == nome);
    }

    async Task<int> CampanhaProntaAsync()
    {
        var campanha = (await (await PostAsync(_http, "/api/campanhas", await NovaCampanhaAsync(), null)).JsonAsync(HttpStatusCode.Created)).Id();
        await _http.IncluirAsync(campanha, new { clienteIds = await _http.CriarClientesAsync(("Ana", new { valor = "R$ 1,00" })) });
        return campanha;
    }

    int IniciosPedidos(int campanha) => Api.Saga.Recebidos.OfType<IniciarCampanha>().Count(c => c.CampanhaId == campanha);

    [Fact]
    public async Task The_same_campaign_twice_creates_one_campaign_and_replays_status_body_and_location()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));

        Assert.Equal(HttpStatusCode.Created, primeira.Status);
        Repete(primeira, segunda);
        Assert.StartsWith("/api/campanhas/", primeira.Location);
        Assert.Equal(1, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task The_same_resend_twice_creates_one_new_campaign()
    {
        var origem = await CampanhaProntaAsync();
        await using (var db = Api.Seed.Db())
        {
            await db.Campanhas.Where(c => c.Id == origem).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, StatusCampanha.Concluida));
            await db.Envios.Where(e => e.CampanhaId == origem).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, StatusEnvio.Erro));
        }
        var chave = NovaChave();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{origem}/reenviar", new { status = new[] { "erro" } }, chave));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{origem}/reenviar", new { status = new[] { "erro" } }, chave));

        Assert.Equal(HttpStatusCode.Created, primeira.Status);
        Repete(primeira, segunda);
        await using var leitura = Api.Seed.Db();
        Assert.Equal(1, await leitura.Campanhas.CountAsync(c => c.OrigemId == origem));
    }

    [Fact]
    public async Task The_same_customers_twice_are_written_once_and_a_change_made_in_between_stays()
    {
        var telefones = new[] { ApiHttp.NovoTelefone(), ApiHttp.NovoTelefone() };
        var corpo = telefones.Select((t, i) => new { nome = $"Cliente {i}", telefone = t, dados = new { cidade = "Campinas" } }).ToArray();
        var chave = NovaChave();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, "/api/clientes", corpo, chave));
        await (await PostAsync(_http, "/api/clientes", new[] { new { nome = "Outro nome", telefone = telefones[0] } }, null))
            .JsonAsync(HttpStatusCode.OK);
        var segunda = await Resposta.DeAsync(await PostAsync(_http, "/api/clientes", corpo, chave));

        Assert.Equal(HttpStatusCode.OK, primeira.Status);
        Assert.Contains("\"criados\":2", primeira.Corpo);
        Repete(primeira, segunda);
        await using var db = Api.Seed.Db();
        var digitos = telefones.Select(ApiHttp.Digitos).ToList();
        var clientes = await db.Clientes.Where(c => digitos.Contains(c.Telefone)).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(2, clientes.Count);
        Assert.Equal("Outro nome", clientes.Single(c => c.Telefone == digitos[0]).Nome);
    }

    [Fact]
    public async Task Concurrent_keyed_posts_of_one_new_phone_all_succeed_on_one_customer()
    {
        // Inside the key's transaction the loser of the race on the unique phone must still see the winner's row.
        var telefone = ApiHttp.NovoTelefone();

        var respostas = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
            await PostAsync(_http, "/api/clientes", new[] { new { nome = $"Ana {i}", telefone } }, NovaChave())));

        var ids = new List<int>();
        foreach (var r in respostas)
            ids.Add((await r.JsonAsync(HttpStatusCode.OK)).GetProperty("ids")[0].GetInt32());
        Assert.Single(ids.Distinct());
        await using var db = Api.Seed.Db();
        Assert.Equal(1, await db.Clientes.CountAsync(c => c.Telefone == ApiHttp.Digitos(telefone)));
    }

    [Fact]
    public async Task The_same_recipients_twice_are_counted_once_and_the_first_count_is_replayed()
    {
        var campanha = (await (await PostAsync(_http, "/api/campanhas", await NovaCampanhaAsync(), null)).JsonAsync(HttpStatusCode.Created)).Id();
        var corpo = new { clienteIds = await _http.CriarClientesAsync(("Ana", new { }), ("Bia", new { })) };
        var chave = NovaChave();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/destinatarios", corpo, chave));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/destinatarios", corpo, chave));

        Assert.Equal(HttpStatusCode.OK, primeira.Status);
        Assert.Equal("""{"adicionados":2,"ignorados":0,"bloqueados":0}""", primeira.Corpo);
        Repete(primeira, segunda);
        Assert.Equal(2, (await Api.Seed.CampanhaAsync(campanha)).TotalClientes);
    }

    [Fact]
    public async Task The_same_start_twice_asks_the_saga_once_and_replays_the_202()
    {
        var campanha = await CampanhaProntaAsync();
        var chave = NovaChave();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/iniciar", null, chave));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/iniciar", null, chave));

        Assert.Equal(HttpStatusCode.Accepted, primeira.Status);
        Repete(primeira, segunda);
        Assert.Equal(1, IniciosPedidos(campanha));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_naming_the_header_and_creates_nothing()
    {
        var corpo = await NovaCampanhaAsync();
        var outro = await NovaCampanhaAsync();
        var chave = NovaChave();
        await (await PostAsync(_http, "/api/campanhas", corpo, chave)).JsonAsync(HttpStatusCode.Created);

        var problema = await (await PostAsync(_http, "/api/campanhas", outro, chave)).ProblemaAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Idempotency-Key", problema.GetProperty("detail").GetString());
        Assert.Equal(0, await CampanhasChamadasAsync(outro));
    }

    [Fact]
    public async Task The_same_key_on_another_route_is_a_422()
    {
        var chave = NovaChave();
        await (await PostAsync(_http, "/api/campanhas", await NovaCampanhaAsync(), chave)).JsonAsync(HttpStatusCode.Created);

        var clientes = await PostAsync(_http, "/api/clientes", new[] { new { nome = "Ana", telefone = ApiHttp.NovoTelefone() } }, chave);

        await clientes.ProblemaAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_same_key_on_another_campaign_is_a_422_and_that_campaign_is_not_started()
    {
        var (a, b) = (await CampanhaProntaAsync(), await CampanhaProntaAsync());
        var chave = NovaChave();
        await (await PostAsync(_http, $"/api/campanhas/{a}/iniciar", null, chave)).JsonAsync(HttpStatusCode.Accepted);

        await (await PostAsync(_http, $"/api/campanhas/{b}/iniciar", null, chave)).ProblemaAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, IniciosPedidos(b));
    }

    [Fact]
    public async Task Ten_concurrent_calls_with_one_key_create_one_campaign_and_all_answer_alike()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();

        var respostas = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(async _ => await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave))));

        Assert.Equal(1, await CampanhasChamadasAsync(corpo));
        Assert.Single(respostas, r => !r.Repetida);
        Assert.Single(respostas.Select(r => r.ComoOriginal()).Distinct());
        Assert.Equal(HttpStatusCode.Created, respostas[0].Status);
    }

    [Fact]
    public async Task Concurrent_starts_with_one_key_ask_the_saga_once()
    {
        var campanha = await CampanhaProntaAsync();
        var chave = NovaChave();

        var respostas = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(async _ => await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/iniciar", null, chave))));

        Assert.Equal(1, IniciosPedidos(campanha));
        Assert.All(respostas, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Single(respostas.Select(r => r.ComoOriginal()).Distinct());
    }

    [Fact]
    public async Task A_key_replays_for_24_hours_and_then_the_call_runs_again()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();
        var primeira = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));

        fixture.Relogio.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var antes = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));
        fixture.Relogio.Advance(TimeSpan.FromSeconds(2));
        var depois = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));
        var deNovo = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));

        Repete(primeira, antes);
        Assert.Equal(HttpStatusCode.Created, depois.Status);
        Assert.NotEqual(primeira.Location, depois.Location);
        Repete(depois, deNovo);
        Assert.Equal(2, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task A_replay_holds_after_the_api_restarted()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();
        Resposta primeira;
        await using (var antes = fixture.Host(fixture.Relogio))
            primeira = await Resposta.DeAsync(await PostAsync(fixture.Cliente(antes), "/api/campanhas", corpo, chave));

        await using var depois = fixture.Host(fixture.Relogio);
        var segunda = await Resposta.DeAsync(await PostAsync(fixture.Cliente(depois), "/api/campanhas", corpo, chave));

        Assert.Equal(HttpStatusCode.Created, primeira.Status);
        Repete(primeira, segunda);
        Assert.Equal(1, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task A_5xx_answer_is_not_stored_so_the_retry_really_runs()
    {
        var campanha = await CampanhaProntaAsync();
        var chave = NovaChave();
        Api.Saga.Responder(campanha, new SagaFalsa.Silenciar());
        var semResposta = await PostAsync(_http, $"/api/campanhas/{campanha}/iniciar", null, chave);
        await semResposta.ProblemaAsync(HttpStatusCode.ServiceUnavailable);

        Api.Saga.Responder(campanha, new SagaFalsa.Aceitar("enviando"));
        var repetida = await Resposta.DeAsync(await PostAsync(_http, $"/api/campanhas/{campanha}/iniciar", null, chave));

        Assert.Equal(HttpStatusCode.Accepted, repetida.Status);
        Assert.False(repetida.Repetida);
        Assert.Equal(2, IniciosPedidos(campanha));
    }

    // HttpClient does not send a header whose value is empty; blanks reach the API.
    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_blank_or_too_long_key_is_a_400_naming_the_header_and_nothing_is_done(string? chave)
    {
        chave ??= new string('k', AceitaIdempotencyKey.TamanhoMaximo + 1);
        var corpo = await NovaCampanhaAsync();

        var problema = await (await PostAsync(_http, "/api/campanhas", corpo, chave)).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problema.Erros(AceitaIdempotencyKey.Cabecalho));
        Assert.Equal(0, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = (NovaChave() + new string('k', 255))[..AceitaIdempotencyKey.TamanhoMaximo];

        var primeira = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave));

        Assert.Equal(HttpStatusCode.Created, primeira.Status);
        Repete(primeira, segunda);
    }

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_different_keys()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();

        var minuscula = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave.ToLowerInvariant()));
        var maiuscula = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, chave.ToUpperInvariant()));

        Assert.False(maiuscula.Repetida);
        Assert.NotEqual(minuscula.Location, maiuscula.Location);
        Assert.Equal(2, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task Without_the_header_two_calls_create_two_campaigns()
    {
        var corpo = await NovaCampanhaAsync();

        var primeira = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, null));
        var segunda = await Resposta.DeAsync(await PostAsync(_http, "/api/campanhas", corpo, null));

        Assert.False(segunda.Repetida);
        Assert.NotEqual(primeira.Location, segunda.Location);
        Assert.Equal(2, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task A_duplicate_that_waits_too_long_for_the_first_call_is_a_409_em_andamento()
    {
        var corpo = await NovaCampanhaAsync();
        var chave = NovaChave();
        await using var impaciente = fixture.Host(new FakeTimeProvider(DateTimeOffset.UtcNow), espera: TimeSpan.FromSeconds(1));
        // Stands for a first call still running on another replica: its key row is inserted and not committed.
        await using var primeira = new MySqlConnection(Api.ConnectionString);
        await primeira.OpenAsync();
        await using var transacao = await primeira.BeginTransactionAsync();
        await using (var insert = new MySqlCommand(
                         "INSERT INTO chaves_idempotencia (chave, requisicao, criada_em, expira_em) VALUES (@k, @r, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY)",
                         primeira, transacao))
        {
            insert.Parameters.AddWithValue("@k", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chave))));
            insert.Parameters.AddWithValue("@r", new string('0', 64));
            await insert.ExecuteNonQueryAsync();
        }

        var resposta = await PostAsync(fixture.Cliente(impaciente), "/api/campanhas", corpo, chave);

        var problema = await resposta.ProblemaAsync(HttpStatusCode.Conflict);
        Assert.Contains("em andamento", problema.GetProperty("detail").GetString());
        Assert.NotNull(resposta.Headers.RetryAfter);
        Assert.Equal(0, await CampanhasChamadasAsync(corpo));
    }

    [Fact]
    public async Task Expired_keys_are_deleted_by_the_periodic_clean_up_and_live_ones_stay()
    {
        var relogio = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = fixture.Host(relogio, limpezaACada: TimeSpan.FromHours(1));
        var http = fixture.Cliente(host);
        var corpo = await NovaCampanhaAsync(http);
        var viva = NovaChave();
        var primeira = await Resposta.DeAsync(await PostAsync(http, "/api/campanhas", corpo, viva));
        var expirada = $"expirada-{Guid.NewGuid():N}";
        await using (var db = Api.Seed.Db())
        {
            db.ChavesDeIdempotencia.Add(new()
            {
                Chave = expirada, Requisicao = new string('0', 64), Status = 201,
                CriadaEm = relogio.GetUtcNow().UtcDateTime.AddDays(-2), ExpiraEm = relogio.GetUtcNow().UtcDateTime.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        relogio.Advance(TimeSpan.FromHours(1));

        await Eventually.UntilAsync(async () =>
        {
            await using var db = Api.Seed.Db();
            return await db.ChavesDeIdempotencia.AnyAsync(c => c.Chave == expirada);
        }, existe => !existe, TimeSpan.FromSeconds(15), "a chave expirada removida pela limpeza");
        var segunda = await Resposta.DeAsync(await PostAsync(http, "/api/campanhas", corpo, viva));
        Repete(primeira, segunda);
    }

    [Fact]
    public void The_routes_that_accept_the_header_carry_the_metadata_the_openapi_document_can_read()
    {
        var rotas = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AceitaIdempotencyKey>() is not null)
            .Select(e => $"{e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Single()} {e.RoutePattern.RawText}")
            .Order()
            .ToList();

        Assert.Equal(
        [
            "POST /api/campanhas/",
            "POST /api/campanhas/{id:int}/destinatarios",
            "POST /api/campanhas/{id:int}/iniciar",
            "POST /api/campanhas/{id:int}/reenviar",
            "POST /api/campanhas/{id:int}/teste",
            "POST /api/clientes/",
        ], rotas);
    }
}

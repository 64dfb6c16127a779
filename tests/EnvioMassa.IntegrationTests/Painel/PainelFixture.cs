using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvioMassa.IntegrationTests.Api;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace EnvioMassa.IntegrationTests.Painel;

/// <summary>
/// What an operator has in front of them: the API as its own process on a real port (serving the dashboard from its
/// build output), the worker and the Evolution simulator on a fresh database and virtual host, and Debian's Chromium
/// driven by Playwright. Playwright's own browsers are never downloaded (<c>scripts/chromium.sh</c> installs Chromium);
/// a browser that does not start fails the tests.
/// </summary>
public sealed class PainelFixture : IAsyncLifetime
{
    public const string ApiKey = "chave-do-painel-de-teste";
    const string Chromium = "/usr/bin/chromium";

    PipelineEnvironment? _env;
    WorkerProcess? _api;
    IPlaywright? _playwright;
    IBrowser? _browser;
    int _instancias;

    public PipelineEnvironment Env => _env ?? throw new InvalidOperationException("O ambiente não iniciou.");
    public WorkerProcess ApiProcess => _api ?? throw new InvalidOperationException("A API não iniciou.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("O navegador não iniciou.");
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _env = await PipelineEnvironment.CreateAsync("painel");
        await _env.StartWorkerAsync();
        _api = await DotnetProcess.StartAsync("EnvioMassa.Api", "api", _env.Configuration("all", new Dictionary<string, string?>
        {
            ["Api:Key"] = ApiKey,
            ["Evolution:WebhookToken"] = "segredo-do-painel-de-teste",
            ["Database:MigrateOnStartup"] = "false",
        }), "/health/ready");
        Http = new HttpClient { BaseAddress = _api.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"Chromium não está em {Chromium}: rode scripts/chromium.sh (o ./test.sh já faz isso).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A page of a new browser context (no storage from another test) at the given size.</summary>
    public async Task<IPage> PaginaAsync(int largura = 1280, int altura = 800)
    {
        var contexto = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ApiProcess.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = largura, Height = altura },
            Locale = "pt-BR",
            TimezoneId = "America/Sao_Paulo",
            AcceptDownloads = true,
        });
        return await contexto.NewPageAsync();
    }

    /// <summary>
    /// A campaign in <c>rascunho</c> prepared through the API as an operator would: its own instance (open in the
    /// simulator), customers, a template, the campaign at 1 s and its recipients. The first <paramref name="falhas"/>
    /// numbers are not on WhatsApp.
    /// </summary>
    public async Task<int> CampanhaAsync(string nome, int destinatarios, int falhas = 0)
    {
        var instancia = $"loja-{Interlocked.Increment(ref _instancias)}-{Guid.NewGuid():N}"[..16];
        await Env.Simulator.AddInstanceAsync(instancia);
        var instanciaId = await Http.CriarInstanciaAsync(instancia);
        var templateId = await Http.CriarTemplateAsync("Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje.");
        var telefones = Enumerable.Range(0, destinatarios).Select(_ => ApiHttp.NovoTelefone()).ToList();
        var clientes = await (await Http.PostJsonAsync("/api/clientes",
            telefones.Select((t, i) => new { nome = $"Cliente {i + 1}", telefone = t, dados = new { valor = $"R$ {10 + i},00" } }).ToArray()))
            .JsonAsync(HttpStatusCode.OK);
        var ids = clientes.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray();
        var campanha = (await (await Http.PostJsonAsync("/api/campanhas", new { nome, templateId, instanciaId, intervaloSegundos = 1 }))
            .JsonAsync(HttpStatusCode.Created)).Id();
        await Http.IncluirAsync(campanha, new { clienteIds = ids });
        foreach (var telefone in telefones.Take(falhas))
        {
            using var falha = await Env.Simulator.Http.PostAsJsonAsync("/_sim/faults",
                new { kind = "exists_false", count = 1, number = ApiHttp.Digitos(telefone) });
            Assert.True(falha.IsSuccessStatusCode, await falha.Content.ReadAsStringAsync());
        }
        return campanha;
    }

    public async Task<JsonElement> CampanhaLidaAsync(int id) => await Http.GetJsonAsync($"/api/campanhas/{id}");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_api is not null)
            await _api.DisposeAsync();
        if (_env is not null)
            await _env.DisposeAsync();
    }
}

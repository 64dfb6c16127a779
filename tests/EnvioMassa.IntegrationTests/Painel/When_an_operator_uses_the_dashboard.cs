using System.Text.RegularExpressions;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Api;
using EnvioMassa.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvioMassa.IntegrationTests.Painel;

/// <summary>
/// The dashboard in a real browser against the real pipeline: the operator enters the key, starts, pauses, resumes
/// and cancels campaigns with the buttons and watches them move, without reloading the page. The screenshots of
/// docs/painel.md are taken here.
/// </summary>
public sealed class When_an_operator_uses_the_dashboard(PainelFixture painel, ITestOutputHelper output) : IClassFixture<PainelFixture>
{
    const string CabecalhoCsv = "telefone,nome,status,tentativas,messageId,erroMensagem,dataEnvio,instancia,entrega,entregueEm,lidaEm";
    static readonly string Imagens = Path.Combine(WorkerHost.RepositoryRoot(), "docs", "img");

    static async Task EntrarAsync(IPage pagina, string chave = PainelFixture.ApiKey)
    {
        await pagina.GotoAsync("/");
        await pagina.GetByLabel("Chave da API").FillAsync(chave);
        await pagina.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
    }

    static ILocator Botao(IPage pagina, string nome) => pagina.GetByRole(AriaRole.Button, new() { Name = nome, Exact = true });

    static ILocator Status(IPage pagina) => pagina.Locator("#campanha-status");

    static Task ScreenshotAsync(IPage pagina, string arquivo)
    {
        Directory.CreateDirectory(Imagens);
        return pagina.ScreenshotAsync(new() { Path = Path.Combine(Imagens, arquivo), FullPage = true });
    }

    async Task AbrirCampanhaAsync(IPage pagina, int id, string nome)
    {
        await pagina.GetByRole(AriaRole.Link, new() { Name = nome, Exact = true }).ClickAsync();
        await Expect(pagina).ToHaveURLAsync(new Regex($"#/campanhas/{id}$"));
        await Expect(pagina.Locator("#campanha-nome")).ToHaveTextAsync(nome);
        output.Log($"campanha {id} aberta no painel");
    }

    [Fact]
    public async Task The_operator_starts_a_campaign_and_watches_its_progress_reach_100_percent()
    {
        const string nome = "Cobrança de dezembro";
        var id = await painel.CampanhaAsync(nome, destinatarios: 8, falhas: 2);
        var pagina = await painel.PaginaAsync();
        await EntrarAsync(pagina);
        await AbrirCampanhaAsync(pagina, id, nome);

        await Expect(Status(pagina)).ToHaveTextAsync("Rascunho");
        await Expect(Botao(pagina, "Pausar")).ToBeDisabledAsync();
        await Expect(Botao(pagina, "Retomar")).ToBeDisabledAsync();
        await Expect(Botao(pagina, "Reenviar falhas")).ToBeDisabledAsync();
        await Botao(pagina, "Iniciar").ClickAsync();

        var progresso = pagina.Locator("#campanha-progresso").GetByRole(AriaRole.Progressbar);
        await Expect(Botao(pagina, "Iniciar")).ToBeDisabledAsync();
        await Expect(progresso).ToHaveAttributeAsync("aria-valuenow", "100", new() { Timeout = 90_000 });
        await Expect(Status(pagina)).ToHaveTextAsync("Concluída", new() { Timeout = 30_000 });
        await Expect(pagina.Locator("#c-enviados")).ToHaveTextAsync("8");
        await Expect(pagina.Locator("#c-sucessos")).ToHaveTextAsync("6");
        await Expect(pagina.Locator("#c-falhas")).ToHaveTextAsync("2");
        await Expect(pagina.Locator("#c-pendentes")).ToHaveTextAsync("0");
        await Expect(progresso).ToHaveAttributeAsync("aria-valuetext", "8 de 8 processados (100%)");
        // The chart counts the same sends, minute by minute, and says so in words.
        await Expect(pagina.Locator("#grafico svg desc")).ToContainTextAsync("8 envio(s), 2 falha(s)");
        await Expect(pagina.Locator("#grafico-resumo")).ToContainTextAsync("8 envio(s), 2 falha(s)");
        await Expect(pagina.Locator("#falhas tbody tr")).ToHaveCountAsync(1);
        await Expect(pagina.Locator("#falhas tbody td.num")).ToHaveTextAsync("2");
        await Expect(pagina.Locator("#erros tbody tr")).ToHaveCountAsync(2);
        await Expect(Botao(pagina, "Reenviar falhas")).ToBeEnabledAsync();
        await Expect(Botao(pagina, "Cancelar")).ToBeDisabledAsync();

        var lida = await painel.CampanhaLidaAsync(id);
        Assert.Equal((StatusCampanha.Concluida, 8, 2), (lida.GetProperty("status").GetString(), lida.GetProperty("enviados").GetInt32(),
            lida.GetProperty("falhas").GetInt32()));
        await ScreenshotAsync(pagina, "painel-campanha.png");

        await pagina.GetByRole(AriaRole.Link, new() { Name = "← Todas as campanhas" }).ClickAsync();
        var item = pagina.Locator($"[data-campanha='{id}']");
        await Expect(item.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(item).ToContainTextAsync("Concluída");
        var instancia = pagina.Locator($"[data-instancia='{lida.GetProperty("instanciaId").GetInt32()}']");
        await Expect(instancia).ToContainTextAsync("Conectada");
        await Expect(instancia).ToContainTextAsync("Enviados hoje: 6");
        await ScreenshotAsync(pagina, "painel-campanhas.png");

        // On a phone: one column, nothing wider than the screen, every button reachable.
        var celular = await painel.PaginaAsync(390, 844);
        await EntrarAsync(celular);
        await AbrirCampanhaAsync(celular, id, nome);
        await Expect(celular.Locator("#c-enviados")).ToHaveTextAsync("8");
        var largos = await celular.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390.5)
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${Math.round(e.getBoundingClientRect().right)} px`)
            """);
        Assert.True(largos.Length == 0, "Mais largo que o celular (390 px): " + string.Join("; ", largos.Take(10)));
        foreach (var botao in new[] { "Iniciar", "Pausar", "Retomar", "Cancelar", "Reenviar falhas", "Exportar CSV" })
            await Expect(Botao(celular, botao)).ToBeInViewportAsync();
        await ScreenshotAsync(celular, "painel-celular.png");
    }

    [Fact]
    public async Task Pause_and_resume_from_the_buttons_change_the_campaign_and_cancel_ends_it()
    {
        const string nome = "Aviso de manutenção";
        var id = await painel.CampanhaAsync(nome, destinatarios: 20);
        var pagina = await painel.PaginaAsync();
        pagina.Dialog += async (_, dialogo) =>
        {
            Assert.Contains("Cancelar é definitivo", dialogo.Message);
            await dialogo.AcceptAsync();
        };
        await EntrarAsync(pagina);
        await AbrirCampanhaAsync(pagina, id, nome);

        await Botao(pagina, "Iniciar").ClickAsync();
        await Expect(Status(pagina)).ToHaveTextAsync("Enviando", new() { Timeout = 30_000 });
        await Expect(pagina.Locator("#c-enviados")).ToHaveTextAsync(new Regex("^([2-9]|1[0-9])$"), new() { Timeout = 30_000 });

        await Botao(pagina, "Pausar").ClickAsync();
        await Expect(Status(pagina)).ToHaveTextAsync("Pausada");
        await Expect(pagina.Locator("#campanha-motivo")).ToContainTextAsync("Pausada");
        await Expect(Botao(pagina, "Retomar")).ToBeEnabledAsync();
        await Expect(Botao(pagina, "Pausar")).ToBeDisabledAsync();
        Assert.Equal(StatusCampanha.Pausada, await painel.Env.Seed.StatusAsync(id));
        Assert.Equal(StatusCampanha.Pausada, (await painel.CampanhaLidaAsync(id)).GetProperty("status").GetString());
        var parada = (await painel.Env.Seed.CampanhaAsync(id)).Enviados;
        Assert.InRange(parada, 2, 19);

        await Botao(pagina, "Retomar").ClickAsync();
        await Expect(Status(pagina)).ToHaveTextAsync("Enviando");
        await Expect(pagina.Locator("#campanha-motivo")).ToBeHiddenAsync();
        Assert.Equal(StatusCampanha.Enviando, await painel.Env.Seed.StatusAsync(id));
        await Eventually.UntilAsync(async () => (await painel.Env.Seed.CampanhaAsync(id)).Enviados, n => n > parada,
            TimeSpan.FromSeconds(30), "envios continuando depois de retomar");

        await Botao(pagina, "Cancelar").ClickAsync();
        await Expect(Status(pagina)).ToHaveTextAsync("Cancelada");
        await painel.Env.WaitForStatusAsync(id, StatusCampanha.Cancelada, TimeSpan.FromSeconds(10));
        foreach (var botao in new[] { "Iniciar", "Pausar", "Retomar", "Cancelar" })
            await Expect(Botao(pagina, botao)).ToBeDisabledAsync();
        var sends = await painel.Env.Simulator.SendsAsync(await InstanciaAsync(id));
        Assert.Equal(sends.Count, sends.Select(s => s.Number).Distinct().Count());
    }

    async Task<string> InstanciaAsync(int campanhaId)
    {
        var instanciaId = (await painel.CampanhaLidaAsync(campanhaId)).GetProperty("instanciaId").GetInt32();
        return (await painel.Http.GetJsonAsync($"/api/instancias/{instanciaId}")).GetProperty("evolutionInstance").GetString()!;
    }

    /// <summary>Needs <c>GET /api/campanhas/{id}/envios.csv</c> and <c>POST /api/campanhas/{id}/reenviar</c> (branch seguimento).</summary>
    [Fact]
    public async Task A_finished_campaign_exports_its_rows_as_csv_and_resends_its_failures()
    {
        const string nome = "Oferta de Natal";
        var id = await painel.CampanhaAsync(nome, destinatarios: 4, falhas: 1);
        await painel.Env.IniciarAsync(id);
        await painel.Env.WaitForStatusAsync(id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));
        var pagina = await painel.PaginaAsync();
        await EntrarAsync(pagina);
        await AbrirCampanhaAsync(pagina, id, nome);

        var download = await pagina.RunAndWaitForDownloadAsync(() => Botao(pagina, "Exportar CSV").ClickAsync(),
            new() { Timeout = 15_000 });
        Assert.Equal($"campanha-{id}-envios.csv", download.SuggestedFilename);
        var linhas = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();
        Assert.Equal(CabecalhoCsv, linhas[0].TrimStart('\uFEFF'));
        Assert.Equal(1 + 4, linhas.Count);

        await Botao(pagina, "Reenviar falhas").ClickAsync();
        await Expect(pagina).Not.ToHaveURLAsync(new Regex($"#/campanhas/{id}$"));
        await Expect(Status(pagina)).ToHaveTextAsync("Rascunho");
        await Expect(pagina.Locator("#c-total")).ToHaveTextAsync("1");
        await Expect(pagina.Locator("#campanha-origem")).ToContainTextAsync($"campanha #{id}");
    }

    [Fact]
    public async Task The_dashboard_can_be_used_with_the_keyboard_alone_and_keeps_the_key_out_of_local_storage()
    {
        const string nome = "Lembrete de consulta";
        var id = await painel.CampanhaAsync(nome, destinatarios: 2);
        var pagina = await painel.PaginaAsync();
        await pagina.GotoAsync("/");

        await TabAteAsync(pagina, "#chave");
        await pagina.Keyboard.TypeAsync(PainelFixture.ApiKey);
        await pagina.Keyboard.PressAsync("Enter");
        var link = pagina.GetByRole(AriaRole.Link, new() { Name = nome, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await TabAteAsync(pagina, $"a[href='#/campanhas/{id}']");
        await pagina.Keyboard.PressAsync("Enter");
        await Expect(pagina.Locator("#campanha-nome")).ToHaveTextAsync(nome);
        await Expect(Botao(pagina, "Iniciar")).ToBeEnabledAsync();
        await TabAteAsync(pagina, "button[data-acao='iniciar']");
        // The focused button shows it: an outline, not the browser's default that a style could have removed.
        Assert.NotEqual("none", await pagina.Locator("button[data-acao='iniciar']").EvaluateAsync<string>("b => getComputedStyle(b).outlineStyle"));
        await TabAteAsync(pagina, "button[data-acao='exportar']");

        Assert.Equal(0, await pagina.EvaluateAsync<int>("localStorage.length"));
        Assert.Equal(PainelFixture.ApiKey, await pagina.EvaluateAsync<string>("sessionStorage.getItem('enviomassa.chave')"));
        Assert.DoesNotContain(PainelFixture.ApiKey, pagina.Url);
        await Expect(pagina.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "0");
    }

    [Fact]
    public async Task A_key_the_api_refuses_is_asked_for_again()
    {
        var pagina = await painel.PaginaAsync();
        await EntrarAsync(pagina, "chave-errada");

        await Expect(pagina.Locator("#chave-erro")).ToContainTextAsync("recusou");
        await Expect(pagina.GetByLabel("Chave da API")).ToBeFocusedAsync();
        Assert.Null(await pagina.EvaluateAsync<string?>("sessionStorage.getItem('enviomassa.chave')"));

        await pagina.GetByLabel("Chave da API").FillAsync(PainelFixture.ApiKey);
        await pagina.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await Expect(pagina.GetByRole(AriaRole.Heading, new() { Name = "Campanhas" })).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="seletor"/> has the focus; fails after 40 presses.</summary>
    static async Task TabAteAsync(IPage pagina, string seletor)
    {
        for (var i = 0; i < 40; i++)
        {
            await pagina.Keyboard.PressAsync("Tab");
            if (await pagina.Locator(seletor).EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
        }
        throw new Xunit.Sdk.XunitException($"Tab não chegou a {seletor} em 40 toques; foco em: " +
            await pagina.EvaluateAsync<string>("document.activeElement?.outerHTML?.slice(0, 200) ?? 'nada'"));
    }
}

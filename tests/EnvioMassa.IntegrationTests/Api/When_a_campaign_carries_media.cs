using System.Net;
using System.Text.Json;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary><c>midia</c> and <c>digitando</c> of <c>POST /api/campanhas</c>: stored, read back, copied by a resend, refused when wrong.</summary>
public class When_a_campaign_carries_media(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    async Task<HttpResponseMessage> CriarAsync(string extras)
    {
        var instancia = await _http.CriarInstanciaAsync($"i-{Guid.NewGuid():N}");
        var template = await _http.CriarTemplateAsync("Olá {{nome}}");
        return await _http.PostRawAsync("/api/campanhas",
            $$"""{"nome": "Boleto", "templateId": {{template}}, "instanciaId": {{instancia}}, {{extras}}}""");
    }

    [Fact]
    public async Task Media_and_typing_are_stored_and_read_back()
    {
        var criada = await (await CriarAsync(
                """ "midia": {"tipo": "document", "url": "https://exemplo.com.br/boleto.pdf", "nomeArquivo": "boleto.pdf"}, "digitando": true """))
            .JsonAsync(HttpStatusCode.Created);

        var lida = await _http.GetJsonAsync($"/api/campanhas/{criada.Id()}");
        var midia = lida.GetProperty("midia");
        Assert.Equal("document", midia.GetProperty("tipo").GetString());
        Assert.Equal("https://exemplo.com.br/boleto.pdf", midia.GetProperty("url").GetString());
        Assert.Equal("boleto.pdf", midia.GetProperty("nomeArquivo").GetString());
        Assert.True(lida.GetProperty("digitando").GetBoolean());
    }

    [Fact]
    public async Task Without_them_there_is_no_media_and_no_typing()
    {
        var criada = await (await CriarAsync(""" "intervaloSegundos": 10 """)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, criada.GetProperty("midia").ValueKind);
        Assert.False(criada.GetProperty("digitando").GetBoolean());
    }

    public static TheoryData<string, string, string> Invalidas => new()
    {
        { """ "midia": {"tipo": "sticker", "url": "https://exemplo.com.br/a.webp"} """, "midia.tipo", "desconhecido 'sticker'" },
        { """ "midia": {"url": "https://exemplo.com.br/a.png"} """, "midia.tipo", "obrigatório" },
        { """ "midia": {"tipo": "image"} """, "midia.url", "obrigatório" },
        { """ "midia": {"tipo": "image", "url": "data:image/png;base64,AAAA"} """, "midia.url", "http:// ou https://" },
        { """ "midia": {"tipo": "image", "url": "ftp://exemplo.com.br/a.png"} """, "midia.url", "http:// ou https://" },
    };

    [Theory]
    [MemberData(nameof(Invalidas))]
    public async Task Media_that_evolution_could_not_send_is_a_400_naming_the_field(string extras, string campo, string trecho)
    {
        var problema = await (await CriarAsync(extras)).ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.Contains(trecho, string.Join(" ", problema.Erros(campo)));
    }

    [Fact]
    public async Task An_unknown_member_of_midia_is_refused()
    {
        var problema = await (await CriarAsync(""" "midia": {"tipo": "image", "url": "https://exemplo.com.br/a.png", "legenda": "x"} """))
            .ProblemaAsync(HttpStatusCode.BadRequest);

        Assert.Contains("legenda", problema.GetRawText());
    }
}

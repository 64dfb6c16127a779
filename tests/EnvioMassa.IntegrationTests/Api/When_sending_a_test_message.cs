using System.Net;

namespace EnvioMassa.IntegrationTests.Api;

/// <summary>
/// <c>POST /api/campanhas/{id}/teste</c>: one customer's message sent now to the operator's phone through the
/// campaign's number (against the simulator), changing no row and counting nowhere; and every way it can be refused.
/// </summary>
public class When_sending_a_test_message(ApiFixture api) : IClassFixture<ApiFixture>
{
    readonly HttpClient _http = api.Api();

    sealed record Cenario(string Instancia, int InstanciaId, int CampanhaId, int ClienteId);

    async Task<Cenario> CriarAsync(object? midia = null)
    {
        var nome = $"i-{Guid.NewGuid():N}";
        await api.Evolution.AddInstanceAsync(nome);
        var instancia = await _http.CriarInstanciaAsync(nome);
        var template = await _http.CriarTemplateAsync("Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje.");
        var corpo = new Dictionary<string, object?> { ["nome"] = "Cobrança", ["templateId"] = template, ["instanciaId"] = instancia };
        if (midia is not null)
            corpo["midia"] = midia;
        var campanha = (await (await _http.PostJsonAsync("/api/campanhas", corpo)).JsonAsync(HttpStatusCode.Created)).Id();
        var cliente = (await _http.CriarClientesAsync(("Ana", new { valor = "R$ 10,00" })))[0];
        return new Cenario(nome, instancia, campanha, cliente);
    }

    [Fact]
    public async Task The_customers_message_goes_to_the_given_phone_and_nothing_is_counted()
    {
        var c = await CriarAsync();
        var telefone = ApiHttp.NovoTelefone();

        var resposta = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone, clienteId = c.ClienteId }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Olá Ana, sua fatura de R$ 10,00 vence hoje.", resposta.GetProperty("texto").GetString());
        Assert.False(string.IsNullOrEmpty(resposta.GetProperty("messageId").GetString()));
        Assert.Equal(ApiHttp.Digitos(telefone), resposta.GetProperty("telefone").GetString());
        var envio = Assert.Single(await api.Evolution.SendsAsync(c.Instancia));
        Assert.Equal(ApiHttp.Digitos(telefone), envio.Number);
        Assert.Equal("Olá Ana, sua fatura de R$ 10,00 vence hoje.", envio.Text);
        Assert.Equal(resposta.GetProperty("messageId").GetString(), envio.MessageId);

        var campanha = await _http.GetJsonAsync($"/api/campanhas/{c.CampanhaId}");
        Assert.Equal("rascunho", campanha.GetProperty("status").GetString());
        foreach (var contador in new[] { "totalClientes", "enviados", "sucessos", "falhas", "pendentes" })
            Assert.Equal(0, campanha.GetProperty(contador).GetInt32());
        await using var db = api.Seed.Db();
        Assert.Empty(db.Envios.Where(e => e.CampanhaId == c.CampanhaId));
        Assert.Equal(0, (await _http.GetJsonAsync($"/api/instancias/{c.InstanciaId}")).GetProperty("enviadosHoje").GetInt32());
    }

    [Fact]
    public async Task A_campaign_with_media_sends_it_with_the_text_as_caption()
    {
        var c = await CriarAsync(new { tipo = "image", url = "https://exemplo.com.br/boleto.png", nomeArquivo = "boleto.png" });

        await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone = ApiHttp.NovoTelefone(), clienteId = c.ClienteId }))
            .JsonAsync(HttpStatusCode.OK);

        var envio = Assert.Single(await api.Evolution.SendsAsync(c.Instancia));
        Assert.Contains("sendMedia", envio.Route);
        Assert.Equal("image https://exemplo.com.br/boleto.png", envio.Media);
        Assert.Equal("Olá Ana, sua fatura de R$ 10,00 vence hoje.", envio.Text);
    }

    [Fact]
    public async Task A_phone_that_is_not_on_whatsapp_is_a_422_saying_so()
    {
        var c = await CriarAsync();
        var telefone = ApiHttp.NovoTelefone();
        await api.Evolution.SetMissingNumbersAsync([ApiHttp.Digitos(telefone)]);
        try
        {
            var problema = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone, clienteId = c.ClienteId }))
                .ProblemaAsync(HttpStatusCode.UnprocessableEntity);

            Assert.Contains("WhatsApp", string.Join(" ", problema.Erros("telefone")));
        }
        finally
        {
            await api.Evolution.SetMissingNumbersAsync([]);
        }
    }

    [Fact]
    public async Task A_disconnected_number_is_a_503_naming_it()
    {
        var c = await CriarAsync();
        await api.Evolution.SetStateAsync(c.Instancia, "close");

        var problema = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone = ApiHttp.NovoTelefone(), clienteId = c.ClienteId }))
            .ProblemaAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains(c.Instancia, problema.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_bad_phone_a_missing_customer_or_a_missing_campaign_is_refused_and_nothing_is_sent()
    {
        var c = await CriarAsync();

        var telefone = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone = "123", clienteId = c.ClienteId }))
            .ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(telefone.Erros("telefone"));
        var semCliente = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste", new { telefone = ApiHttp.NovoTelefone() }))
            .ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(semCliente.Erros("clienteId"));
        var clienteInexistente = await (await _http.PostJsonAsync($"/api/campanhas/{c.CampanhaId}/teste",
            new { telefone = ApiHttp.NovoTelefone(), clienteId = 987654321 })).ProblemaAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("987654321", string.Join(" ", clienteInexistente.Erros("clienteId")));
        await (await _http.PostJsonAsync("/api/campanhas/987654321/teste", new { telefone = ApiHttp.NovoTelefone(), clienteId = c.ClienteId }))
            .ProblemaAsync(HttpStatusCode.NotFound);

        Assert.Empty(await api.Evolution.SendsAsync(c.Instancia));
    }
}

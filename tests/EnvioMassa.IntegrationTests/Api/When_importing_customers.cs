using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static EnvioMassa.IntegrationTests.Api.ApiHttp;

namespace EnvioMassa.IntegrationTests.Api;

public class When_importing_customers(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Valid_customers_are_created_with_e164_phones_and_ids_follow_the_input_order()
    {
        var (ana, bruno) = (NovoTelefone(), NovoTelefone());

        var resposta = await (await api.Api().PostJsonAsync("/api/clientes", new object[]
        {
            new { nome = "Ana", telefone = ana, dados = new { cidade = "Campinas", valor = "R$ 10,00" } },
            new { nome = "Invalido", telefone = "123" },
            new { nome = "Bruno", telefone = bruno },
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, resposta.GetProperty("criados").GetInt32());
        Assert.Equal(0, resposta.GetProperty("atualizados").GetInt32());
        var ids = resposta.GetProperty("ids").EnumerateArray().ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(JsonValueKind.Null, ids[1].ValueKind);
        var invalido = Assert.Single(resposta.GetProperty("invalidos").EnumerateArray());
        Assert.Equal(1, invalido.GetProperty("indice").GetInt32());
        Assert.Equal("123", invalido.GetProperty("telefone").GetString());
        Assert.False(string.IsNullOrWhiteSpace(invalido.GetProperty("motivo").GetString()));

        await using var db = api.Seed.Db();
        var criada = await db.Clientes.SingleAsync(c => c.Id == ids[0].GetInt32());
        Assert.Equal(Digitos(ana), criada.Telefone);
        Assert.Equal("Ana", criada.Nome);
        Assert.Equal("Campinas", JsonDocument.Parse(criada.Dados).RootElement.GetProperty("cidade").GetString());
        Assert.Equal(Digitos(bruno), (await db.Clientes.SingleAsync(c => c.Id == ids[2].GetInt32())).Telefone);
        Assert.False(await db.Clientes.AnyAsync(c => c.Nome == "Invalido"));
    }

    [Fact]
    public async Task Phones_are_checked_by_libphonenumber_and_a_mobile_without_the_ninth_digit_gets_it()
    {
        // A DDD no other test uses, and an old eight-digit mobile (starting with 8).
        var oitoDigitos = "8" + Digitos(NovoTelefone())[^7..];

        var resposta = await (await api.Api().PostJsonAsync("/api/clientes", new object[]
        {
            new { nome = "Sem nono", telefone = $"(31) {oitoDigitos[..4]}-{oitoDigitos[4..]}" },
            new { nome = "Fixo", telefone = "(11) 3333-4444" },
            new { nome = "EUA", telefone = "+1 (415) 555-2671" },
            new { nome = "Reino Unido", telefone = "+44 7911 123456" },
            new { nome = "País inexistente", telefone = "+999 1234567890" },
            new { nome = "Curto", telefone = "+44 7911 1" },
            new { nome = "Letras", telefone = "11 9999-ABCD" },
            new { nome = "Sem mais", telefone = "4155552671234" },
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(4, resposta.GetProperty("criados").GetInt32());
        var motivos = resposta.GetProperty("invalidos").EnumerateArray()
            .ToDictionary(i => i.GetProperty("indice").GetInt32(), i => i.GetProperty("motivo").GetString()!);
        Assert.Equal([4, 5, 6, 7], motivos.Keys);
        Assert.Contains("código de país +999 não existe", motivos[4]);
        Assert.Contains("código de país +44", motivos[5]);
        Assert.Contains("só pode ter dígitos", motivos[6]);
        Assert.Contains("outros países precisam começar com +", motivos[7]);
        await using var db = api.Seed.Db();
        var ids = resposta.GetProperty("ids").EnumerateArray().Take(4).Select(i => i.GetInt32()).ToList();
        var telefones = await db.Clientes.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Telefone).ToListAsync();
        Assert.Equal(["55319" + oitoDigitos, "551133334444", "14155552671", "447911123456"], telefones);
    }

    [Fact]
    public async Task Posting_a_known_phone_in_another_format_updates_that_customer()
    {
        var telefone = NovoTelefone();
        var http = api.Api();
        var primeiro = await (await http.PostJsonAsync("/api/clientes",
            new[] { new { nome = "Carla", telefone, dados = (object)new { cidade = "Jundiaí" } } })).JsonAsync(HttpStatusCode.OK);

        var segundo = await (await http.PostJsonAsync("/api/clientes",
            new[] { new { nome = "Carla Souza", telefone = Digitos(telefone)[2..], dados = (object)new { cidade = "Campinas" } } }))
            .JsonAsync(HttpStatusCode.OK);

        var id = primeiro.GetProperty("ids")[0].GetInt32();
        Assert.Equal(0, segundo.GetProperty("criados").GetInt32());
        Assert.Equal(1, segundo.GetProperty("atualizados").GetInt32());
        Assert.Equal(id, segundo.GetProperty("ids")[0].GetInt32());
        await using var db = api.Seed.Db();
        var cliente = await db.Clientes.SingleAsync(c => c.Id == id);
        Assert.Equal("Carla Souza", cliente.Nome);
        Assert.Contains("Campinas", cliente.Dados);
    }

    [Fact]
    public async Task The_same_phone_twice_in_one_request_is_one_customer()
    {
        var telefone = NovoTelefone();

        var resposta = await (await api.Api().PostJsonAsync("/api/clientes", new[]
        {
            new { nome = "Diego", telefone },
            new { nome = "Diego Lima", telefone = Digitos(telefone) },
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, resposta.GetProperty("criados").GetInt32());
        Assert.Equal(1, resposta.GetProperty("atualizados").GetInt32());
        Assert.Equal(resposta.GetProperty("ids")[0].GetInt32(), resposta.GetProperty("ids")[1].GetInt32());
    }

    [Fact]
    public async Task Rows_with_a_blank_name_or_non_object_data_are_reported_and_a_numeric_phone_is_accepted()
    {
        var numerico = long.Parse(Digitos(NovoTelefone()));

        var resposta = await (await api.Api().PostRawAsync("/api/clientes", $$"""
            [
              {"nome": " ", "telefone": "{{NovoTelefone()}}"},
              {"nome": "Elaine", "telefone": "{{NovoTelefone()}}", "dados": [1, 2]},
              null,
              {"nome": "Fabio", "telefone": {{numerico}}}
            ]
            """)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, resposta.GetProperty("criados").GetInt32());
        Assert.Equal([0, 1, 2], resposta.GetProperty("invalidos").EnumerateArray().Select(i => i.GetProperty("indice").GetInt32()));
        Assert.Contains("nome", resposta.GetProperty("invalidos")[0].GetProperty("motivo").GetString());
        Assert.Contains("dados", resposta.GetProperty("invalidos")[1].GetProperty("motivo").GetString());
        await using var db = api.Seed.Db();
        Assert.True(await db.Clientes.AnyAsync(c => c.Telefone == numerico.ToString()));
    }

    [Fact]
    public async Task A_csv_upload_creates_customers_with_extra_columns_as_data_and_reports_bad_lines()
    {
        var (ana, bruno) = (NovoTelefone(), NovoTelefone());
        var csv = $"""
            nome,telefone,cidade,valor
            Ana,{ana},Campinas,"R$ 1.234,56"
            "Silva, Bruno",{bruno},,10
            Sem Telefone,,Rio,1
            Sem Pais,+999 1234567890,Rio,1
            """;

        var resposta = await (await api.Api().PostAsync("/api/clientes/importar", Arquivo(Encoding.UTF8.GetBytes(csv))))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, resposta.GetProperty("criados").GetInt32());
        var ids = resposta.GetProperty("ids").EnumerateArray().ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(JsonValueKind.Null, ids[2].ValueKind);
        Assert.Equal(JsonValueKind.Null, ids[3].ValueKind);
        var invalidos = resposta.GetProperty("invalidos").EnumerateArray().ToList();
        Assert.Equal([2, 3], invalidos.Select(i => i.GetProperty("indice").GetInt32()));
        Assert.Equal([4, 5], invalidos.Select(i => i.GetProperty("linha").GetInt32()));
        Assert.Contains("código de país +999 não existe", invalidos[1].GetProperty("motivo").GetString());

        await using var db = api.Seed.Db();
        var primeira = await db.Clientes.SingleAsync(c => c.Id == ids[0].GetInt32());
        Assert.Equal(Digitos(ana), primeira.Telefone);
        var dados = JsonDocument.Parse(primeira.Dados).RootElement;
        Assert.Equal("Campinas", dados.GetProperty("cidade").GetString());
        Assert.Equal("R$ 1.234,56", dados.GetProperty("valor").GetString());
        var segunda = await db.Clientes.SingleAsync(c => c.Id == ids[1].GetInt32());
        Assert.Equal("Silva, Bruno", segunda.Nome);
        Assert.False(JsonDocument.Parse(segunda.Dados).RootElement.TryGetProperty("cidade", out _));
        Assert.False(await db.Clientes.AnyAsync(c => c.Nome == "Sem Telefone" || c.Nome == "Sem Pais"));
    }

    [Fact]
    public async Task A_spreadsheet_export_with_semicolons_and_latin1_is_read()
    {
        var telefone = NovoTelefone();
        var csv = Encoding.Latin1.GetBytes($"Nome;Telefone;Situação\r\nJoão;{telefone};Devedor\r\n");

        var resposta = await (await api.Api().PostAsync("/api/clientes/importar", Arquivo(csv))).JsonAsync(HttpStatusCode.OK);

        await using var db = api.Seed.Db();
        var cliente = await db.Clientes.SingleAsync(c => c.Id == resposta.GetProperty("ids")[0].GetInt32());
        Assert.Equal("João", cliente.Nome);
        Assert.Equal("Devedor", JsonDocument.Parse(cliente.Dados).RootElement.GetProperty("Situação").GetString());
    }

    [Fact]
    public async Task A_csv_can_also_be_the_raw_body()
    {
        var response = await api.Api().PostRawAsync("/api/clientes/importar", $"nome,telefone\nGabi,{NovoTelefone()}\n", "text/csv");

        var resposta = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, resposta.GetProperty("criados").GetInt32());
    }

    [Theory]
    [InlineData("nome,celular\nAna,11999990001\n", "telefone")]
    [InlineData("", "vazio")]
    [InlineData("nome,telefone\n", "só tem o cabeçalho")]
    [InlineData("nome,telefone,nome\nA,1,B\n", "mais de uma vez")]
    public async Task A_csv_without_a_usable_header_is_a_400_naming_the_problem(string csv, string trecho)
    {
        var response = await api.Api().PostAsync("/api/clientes/importar", Arquivo(Encoding.UTF8.GetBytes(csv)));

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.Contains(trecho, problema.Erros("arquivo")[0]);
    }

    [Fact]
    public async Task An_upload_without_a_file_or_in_json_is_refused()
    {
        var semArquivo = await api.Api().PostAsync("/api/clientes/importar", new MultipartFormDataContent { { new StringContent("x"), "campo" } });
        var json = await api.Api().PostRawAsync("/api/clientes/importar", "[]");

        await semArquivo.ProblemaAsync(HttpStatusCode.BadRequest);
        await json.ProblemaAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_malformed_multipart_upload_is_a_400()
    {
        var corpo = new StringContent("--limite\r\nContent-Disposition: form-data; name=\"arquivo\"; filename=\"a.csv\"\r\n\r\nnome,tel");
        corpo.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=limite");

        var response = await api.Api().PostAsync("/api/clientes/importar", corpo);

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_csv_over_the_size_limit_is_a_413()
    {
        var grande = new byte[21 * 1024 * 1024];
        Array.Fill(grande, (byte)'a');

        var response = await api.Api().PostAsync("/api/clientes/importar", Arquivo(grande));

        await response.ProblemaAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[{\"nome\": 5, \"telefone\": \"11999990001\"}]")]
    public async Task An_empty_list_or_a_body_of_the_wrong_shape_is_a_400(string corpo)
    {
        var response = await api.Api().PostRawAsync("/api/clientes", corpo);

        await response.ProblemaAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Customers_are_listed_by_page_with_their_data()
    {
        var http = api.Api();
        await http.CriarClientesAsync(("P1", new { a = 1 }), ("P2", new { a = 2 }), ("P3", new { a = 3 }));

        var pagina = await http.GetJsonAsync("/api/clientes?pagina=1&tamanho=2");
        var segunda = await http.GetJsonAsync("/api/clientes?pagina=2&tamanho=2");

        Assert.Equal(1, pagina.GetProperty("pagina").GetInt32());
        Assert.Equal(2, pagina.GetProperty("tamanho").GetInt32());
        Assert.True(pagina.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(2, pagina.GetProperty("itens").GetArrayLength());
        var item = pagina.GetProperty("itens")[0];
        Assert.True(item.TryGetProperty("id", out _));
        Assert.True(item.TryGetProperty("nome", out _));
        Assert.Matches("^[0-9]+$", item.GetProperty("telefone").GetString());
        Assert.Equal(JsonValueKind.Object, item.GetProperty("dados").ValueKind);
        Assert.NotEqual(pagina.GetProperty("itens")[0].Id(), segunda.GetProperty("itens")[0].Id());
    }

    [Theory]
    [InlineData("pagina=0", "pagina")]
    [InlineData("tamanho=0", "tamanho")]
    [InlineData("tamanho=501", "tamanho")]
    [InlineData("tamanho=abc", "tamanho")]
    [InlineData("pagina=-1", "pagina")]
    public async Task Bad_paging_is_a_400_naming_the_parameter(string query, string parametro)
    {
        var response = await api.Api().GetAsync($"/api/clientes?{query}");

        var problema = await response.ProblemaAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problema.Erros(parametro));
    }

    static MultipartFormDataContent Arquivo(byte[] conteudo)
    {
        var arquivo = new ByteArrayContent(conteudo);
        arquivo.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { arquivo, "arquivo", "clientes.csv" } };
    }
}

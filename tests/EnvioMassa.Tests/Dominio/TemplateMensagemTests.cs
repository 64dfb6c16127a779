using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;

namespace EnvioMassa.Tests.Dominio;

public class TemplateMensagem_rendering
{
    static Cliente Ana(string dados = """{"cidade":"Campinas","valor":"R$ 10,00","fatura":{"numero":123,"paga":false}}""") =>
        new() { Id = 7, Nome = "Ana", Telefone = "5511999990001", Dados = dados };

    [Fact]
    public void Placeholders_are_listed_once_in_order_with_whitespace_trimmed()
    {
        var placeholders = TemplateMensagem.Placeholders("{{ nome }}, {{dados.valor}} {{nome}} {{  dados.fatura.numero}}");

        Assert.Equal(["nome", "dados.valor", "dados.fatura.numero"], placeholders);
    }

    [Fact]
    public void Name_phone_and_data_fields_fill_the_message()
    {
        Assert.True(TemplateMensagem.TryRender(
            "Olá {{ nome }} ({{telefone}}), sua fatura {{dados.fatura.numero}} de {{dados.valor}} em {{dados.cidade}}. Paga: {{dados.fatura.paga}}",
            Ana(), out var texto, out var erro), erro);

        Assert.Equal("Olá Ana (5511999990001), sua fatura 123 de R$ 10,00 em Campinas. Paga: false", texto);
        Assert.Null(erro);
    }

    [Fact]
    public void Text_without_placeholders_is_sent_as_it_is()
    {
        Assert.True(TemplateMensagem.TryRender("Bom dia!", Ana(), out var texto, out _));
        Assert.Equal("Bom dia!", texto);
    }

    [Theory]
    [InlineData("{{dados.vencimento}}")]
    [InlineData("{{dados.fatura.vencimento}}")]
    [InlineData("{{dados.cidade.nome}}")]
    public void A_missing_value_is_an_error_naming_the_placeholder_and_nothing_is_rendered(string placeholder)
    {
        Assert.False(TemplateMensagem.TryRender($"Olá {{{{nome}}}}, vence em {placeholder}", Ana(), out var texto, out var erro));

        Assert.Equal("", texto);
        Assert.Contains(placeholder, erro);
    }

    [Theory]
    [InlineData("""{"valor":null}""")]
    [InlineData("""{"valor":"  "}""")]
    [InlineData("{}")]
    [InlineData("")]
    public void Null_or_blank_values_count_as_missing(string dados)
    {
        Assert.False(TemplateMensagem.TryRender("{{dados.valor}}", Ana(dados), out _, out var erro));
        Assert.Contains("falta o valor de {{dados.valor}}", erro);
    }

    [Fact]
    public void An_object_value_is_not_rendered()
    {
        Assert.False(TemplateMensagem.TryRender("{{dados.fatura}}", Ana(), out _, out var erro));
        Assert.Contains("{{dados.fatura}}", erro);
    }

    [Fact]
    public void A_customer_with_a_blank_name_does_not_get_a_half_greeting()
    {
        var cliente = Ana();
        cliente.Nome = " ";
        Assert.False(TemplateMensagem.TryRender("Olá {{nome}}", cliente, out _, out var erro));
        Assert.Contains("{{nome}}", erro);
    }

    [Fact]
    public void Data_that_is_not_json_is_reported()
    {
        Assert.False(TemplateMensagem.TryRender("{{dados.x}}", Ana("not json"), out _, out var erro));
        Assert.Contains("JSON", erro);
    }

    [Theory]
    [InlineData("Olá {{cliente}}", "{{cliente}}")]
    [InlineData("Olá {{Nome}}", "{{Nome}}")]
    [InlineData("Olá {{dados}}", "{{dados}}")]
    [InlineData("Olá {{dados.}}", "{{dados.}}")]
    [InlineData("Olá {{dados.a b}}", "{{dados.a b}}")]
    [InlineData("Olá {{}}", "{{}}")]
    [InlineData("Olá {{nome", "{{nome")]
    [InlineData("Olá nome}} e {{telefone}}", "nome}}")]
    public void Unknown_or_unclosed_placeholders_are_reported(string conteudo, string desconhecido)
    {
        Assert.Contains(desconhecido, TemplateMensagem.PlaceholdersDesconhecidos(conteudo));
        Assert.False(TemplateMensagem.TryRender(conteudo, Ana(), out var texto, out var erro));
        Assert.Equal("", texto);
        Assert.Contains("desconhecido", erro);
    }

    [Theory]
    [InlineData("{{nome}} {{ telefone }} {{dados.cidade}} {{dados.fatura.numero}} {{dados.data_vencimento}} {{dados.situação}}")]
    [InlineData("sem marcadores")]
    public void Known_placeholders_are_not_reported(string conteudo)
    {
        Assert.Empty(TemplateMensagem.PlaceholdersDesconhecidos(conteudo));
    }
}

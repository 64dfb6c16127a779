using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class CaminhoDeDados_paths
{
    [Theory]
    [InlineData("dados.cidade")]
    [InlineData("dados.fatura.mês")]
    [InlineData("dados.codigo_cliente-2")]
    public void A_field_under_dados_is_a_path(string caminho) => Assert.True(CaminhoDeDados.EhValido(caminho));

    [Theory]
    [InlineData("dados")]
    [InlineData("dados.")]
    [InlineData("nome")]
    [InlineData("dados.a..b")]
    [InlineData("dados.a\"b")]
    [InlineData("dados.a b")]
    public void Anything_else_is_not(string caminho) => Assert.False(CaminhoDeDados.EhValido(caminho));

    [Fact]
    public void A_path_becomes_a_quoted_mysql_json_path() =>
        Assert.Equal("$.\"fatura\".\"mes\"", CaminhoDeDados.ParaJsonPath("dados.fatura.mes"));

    [Fact]
    public void A_field_a_template_can_print_is_a_field_a_filter_accepts()
    {
        Assert.Empty(TemplateMensagem.PlaceholdersDesconhecidos("{{dados.fatura.mês}}"));
        Assert.Equal(["{{dados.a b}}"], TemplateMensagem.PlaceholdersDesconhecidos("{{dados.a b}}"));
    }
}

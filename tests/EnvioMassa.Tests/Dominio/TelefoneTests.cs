using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class Telefone_normalisation
{
    [Theory]
    [InlineData("+55 11 99999-0001", "5511999990001")]
    [InlineData("(11) 99999-0001", "5511999990001")]
    [InlineData("11999990001", "5511999990001")]
    [InlineData("5511999990001", "5511999990001")]
    [InlineData("55 (19) 3333.4444", "551933334444")]
    [InlineData("1933334444", "551933334444")]
    [InlineData("0 11 99999-0001", "5511999990001")]
    [InlineData("0055 11 99999-0001", "5511999990001")]
    [InlineData("  +55 21 98888 7777  ", "5521988887777")]
    public void Brazilian_numbers_become_E164_digits_with_55(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
        Assert.Null(motivo);
    }

    [Theory]
    [InlineData("+1 (415) 555-2671", "14155552671")]
    [InlineData("+351 912 345 678", "351912345678")]
    [InlineData("0044 20 7946 0958", "442079460958")]
    public void Other_countries_are_accepted_with_a_leading_plus(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
    }

    [Theory]
    [InlineData("", "vazio")]
    [InlineData("   ", "vazio")]
    [InlineData(null, "vazio")]
    [InlineData("123", "dígitos")]
    [InlineData("abc99999", "só pode ter dígitos")]
    [InlineData("11 9999-000a", "só pode ter dígitos")]
    [InlineData("55+11999990001", "+ só pode aparecer no início")]
    [InlineData("4155552671234", "outros países precisam começar com +")]
    [InlineData("14155552671", "celular com 9 dígitos deve começar com 9")]
    [InlineData("+55 11 8999-00012", "celular com 9 dígitos deve começar com 9")]
    [InlineData("(20) 99999-0001", "DDD 20 não existe")]
    [InlineData("+55 11 999", "DDD + 8 ou 9 dígitos")]
    [InlineData("+1234567", "de 8 a 15 dígitos")]
    [InlineData("+1234567890123456", "de 8 a 15 dígitos")]
    [InlineData("(11) 0999-0001", "não pode começar com 0 ou 1")]
    public void Invalid_numbers_are_refused_with_a_reason_in_portuguese(string? entrada, string trechoDoMotivo)
    {
        Assert.False(Telefone.TryNormalizar(entrada, out var digitos, out var motivo));
        Assert.Equal("", digitos);
        Assert.Contains(trechoDoMotivo, motivo);
    }
}

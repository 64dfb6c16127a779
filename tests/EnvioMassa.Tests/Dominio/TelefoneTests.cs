using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Tests.Dominio;

public class Telefone_normalisation
{
    [Theory]
    [InlineData("+55 11 99999-0001", "5511999990001")]
    [InlineData("(11) 99999-0001", "5511999990001")]
    [InlineData("11999990001", "5511999990001")]
    [InlineData("5511999990001", "5511999990001")]
    [InlineData("0 11 99999-0001", "5511999990001")]
    [InlineData("0055 11 99999-0001", "5511999990001")]
    [InlineData("  +55 21 98888 7777  ", "5521988887777")]
    public void Brazilian_mobiles_become_E164_digits_with_55(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
        Assert.Null(motivo);
    }

    [Theory]
    [InlineData("(11) 3333-4444", "551133334444")]
    [InlineData("55 (19) 3333.4444", "551933334444")]
    [InlineData("1933334444", "551933334444")]
    [InlineData("+55 11 5999-0001", "551159990001")]
    public void Brazilian_landlines_keep_their_eight_digits(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
    }

    [Theory]
    [InlineData("(11) 9999-0001", "5511999990001")]
    [InlineData("+55 11 9999-0001", "5511999990001")]
    [InlineData("(31) 8888-7777", "5531988887777")]
    [InlineData("11 6999-0001", "5511969990001")]
    [InlineData("551178887777", "5511978887777")]
    public void A_brazilian_mobile_typed_without_the_ninth_digit_gets_it(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
    }

    [Fact]
    public void A_mobile_with_or_without_the_ninth_digit_is_the_same_customer()
    {
        Telefone.TryNormalizar("(11) 9999-0001", out var antigo, out _);
        Telefone.TryNormalizar("(11) 99999-0001", out var atual, out _);

        Assert.Equal(atual, antigo);
    }

    [Theory]
    [InlineData("+1 (415) 555-2671", "14155552671")]
    [InlineData("+1 202 555 0143", "12025550143")]
    [InlineData("+44 7911 123456", "447911123456")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    [InlineData("0044 20 7946 0958", "442079460958")]
    [InlineData("+351 912 345 678", "351912345678")]
    public void Other_countries_are_accepted_with_a_leading_plus(string entrada, string esperado)
    {
        Assert.True(Telefone.TryNormalizar(entrada, out var digitos, out var motivo), motivo);
        Assert.Equal(esperado, digitos);
    }

    [Theory]
    [InlineData("", "vazio")]
    [InlineData("   ", "vazio")]
    [InlineData(null, "vazio")]
    [InlineData("abc99999", "só pode ter dígitos")]
    [InlineData("11 9999-000a", "só pode ter dígitos")]
    [InlineData("1-800-FLOWERS", "só pode ter dígitos")]
    [InlineData("55+11999990001", "+ só pode aparecer no início")]
    [InlineData("+999 1234567890", "código de país +999 não existe")]
    [InlineData("+1234567", "curto demais para o código de país +1")]
    [InlineData("+1 415 555 26710000", "longo demais para o código de país +1")]
    [InlineData("+44 7911 12345", "código de país +44")]
    [InlineData("+1234567890123456789", "longo demais")]
    [InlineData("123", "DDD + 8 ou 9 dígitos")]
    [InlineData("+55 11 999", "DDD + 8 ou 9 dígitos")]
    [InlineData("4155552671234", "outros países precisam começar com +")]
    [InlineData("14155552671", "celular com 9 dígitos deve começar com 9")]
    [InlineData("+55 11 8999-00012", "celular com 9 dígitos deve começar com 9")]
    [InlineData("(20) 99999-0001", "DDD 20 não existe")]
    [InlineData("(20) 9999-0001", "DDD 20 não existe")]
    [InlineData("(11) 0999-0001", "fixo de 8 dígitos deve começar com 2 a 5")]
    public void Invalid_numbers_are_refused_with_a_reason_in_portuguese(string? entrada, string trechoDoMotivo)
    {
        Assert.False(Telefone.TryNormalizar(entrada, out var digitos, out var motivo));
        Assert.Equal("", digitos);
        Assert.Contains(trechoDoMotivo, motivo);
    }

    [Fact]
    public void Any_eight_to_fifteen_digits_after_a_plus_are_no_longer_enough()
    {
        Assert.False(Telefone.TryNormalizar("+999 1234567890", out _, out _));
        Assert.False(Telefone.TryNormalizar("+1 000 000 0000", out _, out _));
    }
}

using PhoneNumbers;

namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Turns what people type as a phone number into the E.164 digits Evolution and the <c>clientes</c> table use
/// (<c>+55 11 99999-0001</c> → <c>5511999990001</c>). Whether a number exists is libphonenumber's call
/// (<see cref="PhoneNumberUtil.IsValidNumber"/> for the number's own region); Brazil is the default region, so a number
/// without a country code is read as Brazilian and any other country needs a leading <c>+</c> (or <c>00</c>).
/// A Brazilian mobile typed without its ninth digit gets it (ADR 0007). The reasons given for a refusal only explain
/// libphonenumber's verdict in words an operator can act on; they never accept a number it refuses.
/// </summary>
public static class Telefone
{
    const string RegiaoPadrao = "BR";
    const int Brasil = 55;
    const string PrefixoInternacional = "00";
    const string DicaInternacional = "; números de outros países precisam começar com + e o código do país";

    static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryNormalizar(string? entrada, out string digitos, out string? motivo)
    {
        digitos = "";
        var texto = entrada?.Trim() ?? "";
        if (texto.Length == 0)
            return Falha("telefone vazio", out motivo);
        // libphonenumber reads letters as a keypad (1-800-FLOWERS); in a customer list they are a typing mistake.
        if (texto.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '(' or ')' or '.')))
            return Falha("o telefone só pode ter dígitos, espaços, +, -, ( ) e .", out motivo);
        if (texto.LastIndexOf('+') > 0)
            return Falha("o + só pode aparecer no início do telefone", out motivo);

        // From Brazil an international call is 00 + carrier + country, so libphonenumber does not take a bare 00 as
        // the international prefix; people who type 0044... mean +44.
        if (texto.StartsWith(PrefixoInternacional, StringComparison.Ordinal))
            texto = "+" + texto[PrefixoInternacional.Length..];
        var internacional = texto.StartsWith('+');

        PhoneNumber numero;
        try
        {
            numero = Util.Parse(texto, RegiaoPadrao);
        }
        catch (NumberParseException e)
        {
            return Falha(e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => $"código de país {CodigoDigitado(texto)} não existe",
                ErrorType.TOO_LONG => "telefone longo demais: o máximo são 15 dígitos com o código do país",
                _ => "telefone curto demais",
            }, out motivo);
        }

        numero = ComNonoDigito(numero);
        if (!Util.IsValidNumber(numero))
            return Falha(Invalido(numero, internacional), out motivo);

        digitos = Util.Format(numero, PhoneNumberFormat.E164)[1..];
        motivo = null;
        return true;
    }

    /// <summary>
    /// Since 2016 every Brazilian mobile has nine digits, the old eight with a 9 in front; eight-digit numbers that
    /// start with 6–9 are never landlines, so such a number is the same mobile written the old way.
    /// </summary>
    static PhoneNumber ComNonoDigito(PhoneNumber numero)
    {
        const ulong dezDigitos = 1_000_000_000;
        if (numero.CountryCode != Brasil || numero.NationalNumber is < dezDigitos or >= 10 * dezDigitos)
            return numero;
        var ddd = numero.NationalNumber / 100_000_000;
        var assinante = numero.NationalNumber % 100_000_000;
        if (assinante / 10_000_000 < 6)
            return numero;
        var celular = new PhoneNumber.Builder().SetCountryCode(Brasil).SetNationalNumber(ddd * dezDigitos + 900_000_000 + assinante).Build();
        return Util.IsValidNumber(celular) ? celular : numero;
    }

    static string Invalido(PhoneNumber numero, bool internacional)
    {
        var dica = internacional ? "" : DicaInternacional;
        var tamanho = Util.IsPossibleNumberWithReason(numero);
        if (numero.CountryCode != Brasil)
        {
            var pais = Util.GetRegionCodeForCountryCode(numero.CountryCode);
            return tamanho switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => $"telefone curto demais para o código de país +{numero.CountryCode} ({pais})",
                PhoneNumberUtil.ValidationResult.TOO_LONG => $"telefone longo demais para o código de país +{numero.CountryCode} ({pais})",
                _ => $"não é um número válido do código de país +{numero.CountryCode} ({pais}): confira os dígitos",
            };
        }

        var nacional = numero.NationalNumber.ToString();
        if (nacional.Length is not (10 or 11))
            return $"número brasileiro deve ter DDD + 8 ou 9 dígitos (veio com {nacional.Length} dígitos){dica}";
        if (!DddExiste(nacional[..2]))
            return $"DDD {nacional[..2]} não existe{dica}";
        return nacional.Length == 11
            ? $"celular com 9 dígitos deve começar com 9{dica}"
            : $"número fixo de 8 dígitos deve começar com 2 a 5 (celular: 9 dígitos começando com 9){dica}";
    }

    /// <summary>Whether libphonenumber knows the area code, asked with a mobile number every existing DDD has.</summary>
    static bool DddExiste(string ddd) =>
        Util.IsValidNumber(new PhoneNumber.Builder().SetCountryCode(Brasil).SetNationalNumber(ulong.Parse(ddd + "999999999")).Build());

    static string CodigoDigitado(string texto) =>
        "+" + new string(texto.Where(char.IsAsciiDigit).Take(3).ToArray());

    static bool Falha(string razao, out string? motivo)
    {
        motivo = razao;
        return false;
    }
}

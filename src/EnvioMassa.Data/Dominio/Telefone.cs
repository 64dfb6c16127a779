namespace EnvioMassa.Data.Dominio;

/// <summary>
/// Turns what people type as a phone number into the E.164 digits Evolution and the <c>clientes</c> table use
/// (<c>+55 11 99999-0001</c> → <c>5511999990001</c>). Brazil is the default: numbers without a country code must be
/// Brazilian (DDD + number); any other country needs a leading <c>+</c> (or <c>00</c>).
/// </summary>
public static class Telefone
{
    const int MinimoInternacional = 8;
    const int MaximoE164 = 15;
    const string Brasil = "55";

    // Area codes (DDD) in use in Brazil (Anatel).
    static readonly HashSet<int> Ddds =
    [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
        41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
        71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
    ];

    public static bool TryNormalizar(string? entrada, out string digitos, out string? motivo)
    {
        digitos = "";
        var texto = entrada?.Trim() ?? "";
        if (texto.Length == 0)
            return Falha("telefone vazio", out motivo);
        if (texto.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '(' or ')' or '.')))
            return Falha("o telefone só pode ter dígitos, espaços, +, -, ( ) e .", out motivo);
        if (texto.LastIndexOf('+') > 0)
            return Falha("o + só pode aparecer no início do telefone", out motivo);

        var numeros = new string(texto.Where(char.IsAsciiDigit).ToArray());
        var internacional = texto.StartsWith('+');
        if (!internacional && numeros.StartsWith("00"))
        {
            internacional = true;
            numeros = numeros[2..];
        }

        if (internacional)
            return numeros.StartsWith(Brasil)
                ? TryBrasileiro(numeros[Brasil.Length..], out digitos, out motivo)
                : TryInternacional(numeros, out digitos, out motivo);

        // A single leading 0 is the national trunk prefix (0 11 99999-0001).
        if (numeros.Length is 11 or 12 && numeros[0] == '0')
            numeros = numeros[1..];
        if (numeros.Length is 10 or 11)
            return TryBrasileiro(numeros, out digitos, out motivo);
        if (numeros.Length is 12 or 13 && numeros.StartsWith(Brasil))
            return TryBrasileiro(numeros[Brasil.Length..], out digitos, out motivo);
        return Falha(
            $"{numeros.Length} dígitos sem código de país: um número brasileiro tem DDD + 8 ou 9 dígitos; " +
            "números de outros países precisam começar com +", out motivo);
    }

    static bool TryBrasileiro(string nacional, out string digitos, out string? motivo)
    {
        digitos = "";
        if (nacional.Length is not (10 or 11))
            return Falha($"número brasileiro deve ter DDD + 8 ou 9 dígitos (veio com {nacional.Length} dígitos após o 55)", out motivo);
        var ddd = int.Parse(nacional[..2]);
        if (!Ddds.Contains(ddd))
            return Falha($"DDD {nacional[..2]} não existe", out motivo);
        var assinante = nacional[2..];
        if (assinante.Length == 9 && assinante[0] != '9')
            return Falha("celular com 9 dígitos deve começar com 9", out motivo);
        if (assinante.Length == 8 && assinante[0] is '0' or '1')
            return Falha("número de 8 dígitos não pode começar com 0 ou 1", out motivo);
        digitos = Brasil + nacional;
        motivo = null;
        return true;
    }

    static bool TryInternacional(string numeros, out string digitos, out string? motivo)
    {
        digitos = "";
        if (numeros.Length is < MinimoInternacional or > MaximoE164)
            return Falha($"número internacional deve ter de {MinimoInternacional} a {MaximoE164} dígitos com o código do país", out motivo);
        if (numeros[0] == '0')
            return Falha("código de país não pode começar com 0", out motivo);
        digitos = numeros;
        motivo = null;
        return true;
    }

    static bool Falha(string razao, out string? motivo)
    {
        motivo = razao;
        return false;
    }
}

using System.Text;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>
/// Turns a <c>number</c> field into the JID Evolution sends to, the way its createJid does: the answer's
/// <c>key.remoteJid</c> may therefore differ from what the caller sent.
/// </summary>
public static class Jid
{
    private const string UserSuffix = "@s.whatsapp.net";

    public static string Normalise(string number)
    {
        if (IsFullJid(number))
        {
            return number;
        }

        var digits = Digits(number);
        if (digits.Length >= 18)
        {
            return digits + "@g.us";
        }

        return DropMobileDigit(digits) + UserSuffix;
    }

    private static bool IsFullJid(string number) =>
        number.Contains("@s.whatsapp.net", StringComparison.Ordinal) ||
        number.Contains("@g.us", StringComparison.Ordinal) ||
        number.Contains("@lid", StringComparison.Ordinal) ||
        number.Contains("@broadcast", StringComparison.Ordinal);

    private static string Digits(string number)
    {
        var sb = new StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // Brazil: 55 + DDD + 9 + 8 digits loses the 9 when the DDD is 31 or more and the remaining subscriber
    // number starts with 7–9 (older accounts registered before the ninth digit). Mexico and Argentina
    // (52, 54) with 13 digits lose their third digit.
    private static string DropMobileDigit(string digits)
    {
        if (digits.Length != 13)
        {
            return digits;
        }

        if (digits.StartsWith("52", StringComparison.Ordinal) || digits.StartsWith("54", StringComparison.Ordinal))
        {
            return digits[..2] + digits[3..];
        }

        if (!digits.StartsWith("55", StringComparison.Ordinal))
        {
            return digits;
        }

        var ddd = int.Parse(digits.AsSpan(2, 2));
        var subscriberFirst = digits[5] - '0';
        return ddd >= 31 && subscriberFirst >= 7 ? digits[..4] + digits[5..] : digits;
    }
}

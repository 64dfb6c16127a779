using System.Security.Cryptography;
using System.Text;

namespace EnvioMassa.Api.Extensions;

static class Segredo
{
    /// <summary>
    /// Compares a presented secret with the configured one in constant time. Both are hashed first so that neither the
    /// content nor the length of the secret shows in the timing. An unconfigured secret matches nothing.
    /// </summary>
    public static bool Confere(string? apresentado, string? esperado)
    {
        if (string.IsNullOrEmpty(apresentado) || string.IsNullOrEmpty(esperado))
            return false;
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(apresentado)),
            SHA256.HashData(Encoding.UTF8.GetBytes(esperado)));
    }
}

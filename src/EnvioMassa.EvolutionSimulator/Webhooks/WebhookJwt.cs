using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>
/// The token Evolution puts in <c>Authorization: Bearer</c> for a webhook whose headers hold <c>jwt_key</c>:
/// jsonwebtoken's HS256 over <c>{iat, exp = iat + 600, app:"evolution", action:"webhook"}</c>, keyed with the
/// jwt_key's UTF-8 bytes. Written by hand because Microsoft.IdentityModel refuses HMAC keys under 256 bits,
/// and jsonwebtoken signs with a key of any length.
/// </summary>
public static class WebhookJwt
{
    public const string HeaderName = "jwt_key";

    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <summary><paramref name="now"/> is the real time: unlike date_time, iat and exp come from Date.now() unshifted.</summary>
    public static string Create(string key, DateTimeOffset now)
    {
        var iat = now.ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
            new { iat, exp = iat + 600, app = "evolution", action = "webhook" }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(Header + "." + payload));
        return $"{Header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}

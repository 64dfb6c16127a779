using System.Security.Cryptography;
using System.Text;
using EnvioMassa.Api.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnvioMassa.Api.Webhooks;

/// <summary>
/// Evolution signs nothing, so the webhook accepts the secret in any of the three ways a real Evolution can carry
/// it (see shared/evolution-api.md, "Webhooks"), all checked against <c>Evolution:WebhookToken</c>:
/// the header <c>X-Webhook-Token</c> (an instance's <c>webhook.headers</c>), <c>Authorization: Bearer</c> with the
/// HS256 JWT Evolution makes from an instance's <c>jwt_key</c>, or <c>?token=</c> in the URL — the only way for the
/// server-wide global webhook, which sends no custom header.
/// </summary>
public static class AutenticacaoDoWebhook
{
    public const string TokenHeader = "X-Webhook-Token";
    public const string TokenQuery = "token";

    /// <summary>Evolution's JWT lives 600 s; its clock and ours may differ a little.</summary>
    static readonly TimeSpan FolgaDoRelogio = TimeSpan.FromSeconds(60);

    static readonly JsonWebTokenHandler Jwt = new();

    /// <param name="EventoNaUrl">
    /// With <c>byEvents</c> Evolution appends <c>/{event}</c> to the URL as text, so a URL carrying <c>?token=</c> arrives
    /// as <c>?token=SECRET/messages-update</c>: the event the suffix names, when it came that way.
    /// </param>
    public sealed record Resultado(bool Autenticado, string? EventoNaUrl = null)
    {
        public static readonly Resultado Recusado = new(false);
    }

    public static async Task<Resultado> AutenticarAsync(HttpRequest request, string? segredo)
    {
        if (string.IsNullOrEmpty(segredo))
            return Resultado.Recusado;

        if (Segredo.Confere(request.Headers[TokenHeader], segredo))
            return new Resultado(true);

        if (request.Query.TryGetValue(TokenQuery, out var naUrl) && naUrl.Count == 1 && naUrl[0] is { } valor)
        {
            var barra = valor.IndexOf('/');
            var evento = barra < 0 ? null : valor[(barra + 1)..];
            if (Segredo.Confere(barra < 0 ? valor : valor[..barra], segredo))
                return new Resultado(true, string.IsNullOrEmpty(evento) ? null : evento);
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return new Resultado(await JwtValidoAsync(authorization[bearer.Length..].Trim(), segredo));

        return Resultado.Recusado;
    }

    /// <summary>
    /// Signature (HS256 only: the algorithm is not taken from the token) and lifetime (<c>exp</c> required). Evolution's
    /// token has no issuer nor audience, so neither is checked.
    /// </summary>
    static async Task<bool> JwtValidoAsync(string token, string segredo)
    {
        var resultado = await Jwt.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(ChaveHmac(segredo)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = FolgaDoRelogio,
        });
        return resultado.IsValid;
    }

    /// <summary>
    /// The secret's bytes as the HMAC key. Microsoft.IdentityModel refuses HS256 keys under 256 bits, while Evolution
    /// (jsonwebtoken) signs with a <c>jwt_key</c> of any length. HMAC itself pads a key shorter than its 64-byte block
    /// with zeros (RFC 2104), so padding a short key with zeros up to 32 bytes yields the very same signatures.
    /// </summary>
    internal static byte[] ChaveHmac(string segredo)
    {
        var bytes = Encoding.UTF8.GetBytes(segredo);
        if (bytes.Length >= 32)
            return bytes;
        var chave = new byte[32];
        bytes.CopyTo(chave, 0);
        CryptographicOperations.ZeroMemory(bytes);
        return chave;
    }
}

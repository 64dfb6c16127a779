namespace EnvioMassa.Api.Idempotencia;

/// <summary>
/// Endpoint metadata: this route honours the <c>Idempotency-Key</c> header. The middleware acts only on routes that
/// carry it, and the OpenAPI document can list the header on exactly these routes.
/// </summary>
public sealed class AceitaIdempotencyKey
{
    public const string Cabecalho = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer that is the stored one of an earlier call, not a new execution.</summary>
    public const string CabecalhoDeRepeticao = "Idempotency-Replayed";

    public const int TamanhoMaximo = 255;

    public static readonly AceitaIdempotencyKey Instancia = new();

    AceitaIdempotencyKey()
    {
    }
}

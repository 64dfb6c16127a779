using EnvioMassa.Api.Idempotencia;

namespace EnvioMassa.Api.Endpoints;

public static class IdempotenteExtensions
{
    /// <summary>
    /// The route honours <c>Idempotency-Key</c>: a repeated call with the same key and request replays the first answer
    /// instead of acting again. The handler's database work must go through the request's <c>EnvioMassaDbContext</c>
    /// and join its current transaction rather than open its own.
    /// </summary>
    public static TBuilder Idempotente<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AceitaIdempotencyKey.Instancia);
}

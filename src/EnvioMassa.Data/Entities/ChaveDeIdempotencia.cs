namespace EnvioMassa.Data.Entities;

/// <summary>
/// One <c>Idempotency-Key</c> and the answer its first call gave. Kept in the database so that every API replica, and
/// the API after a restart, answers a retried call the same way instead of doing it again.
/// </summary>
public class ChaveDeIdempotencia
{
    /// <summary>
    /// SHA-256 (hex) of the client's key (at most 255 characters): the column's collation ignores case, the hash does not.
    /// </summary>
    public string Chave { get; set; } = "";

    /// <summary>SHA-256 (hex) of the method, the route and the body: the same key with another request is refused.</summary>
    public string Requisicao { get; set; } = "";

    /// <summary>The first call's HTTP status, or null while that call is still being processed.</summary>
    public int? Status { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The first call's <c>Location</c> header, if any.</summary>
    public string? Location { get; set; }

    /// <summary>The first call's body, as it was sent.</summary>
    public byte[]? Corpo { get; set; }

    public DateTime CriadaEm { get; set; }

    /// <summary>After this moment the key is free again (24 h after the first call).</summary>
    public DateTime ExpiraEm { get; set; }
}

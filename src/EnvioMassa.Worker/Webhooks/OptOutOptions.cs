using EnvioMassa.Data.Dominio;

namespace EnvioMassa.Worker.Webhooks;

/// <summary><c>OptOut:*</c>: the replies that block a customer's phone (see <see cref="PedidoDeSaida"/>).</summary>
public sealed class OptOutOptions
{
    public const string Section = "OptOut";

    /// <summary>Replaces the default words when set (configuration lists add to a default list instead of replacing it).</summary>
    public string[]? Palavras { get; set; }

    public IReadOnlyList<string> PalavrasEmVigor => Palavras is { Length: > 0 } p ? p : PedidoDeSaida.PalavrasPadrao;
}

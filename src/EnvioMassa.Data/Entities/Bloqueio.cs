namespace EnvioMassa.Data.Entities;

/// <summary>A phone that must never be messaged again (<c>bloqueios</c>): it opted out by reply, or the operator said so.</summary>
public class Bloqueio
{
    /// <summary>E.164 digits, as <see cref="Cliente.Telefone"/>.</summary>
    public string Telefone { get; set; } = "";

    public string? Motivo { get; set; }

    /// <summary><c>resposta</c> (the customer replied an opt-out word) or <c>operador</c>.</summary>
    public string Origem { get; set; } = OrigemResposta;

    public DateTime CriadoEm { get; set; }

    public const string OrigemResposta = "resposta";
    public const string OrigemOperador = "operador";
}

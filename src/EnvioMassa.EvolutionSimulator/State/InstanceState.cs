namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>The connection states Evolution reports, spelled as on the wire.</summary>
public static class InstanceState
{
    public const string Open = "open";
    public const string Connecting = "connecting";
    public const string Close = "close";

    /// <summary>The QR-code limit was reached while pairing: announced in <c>connection.update</c>, never read back.</summary>
    public const string Refused = "refused";

    public static bool IsValid(string? state) => state is Open or Connecting or Close or Refused;

    /// <summary>
    /// What <c>GET /instance/connectionState</c> says: after announcing <c>refused</c>, Evolution's
    /// <c>no.connection</c> handler logs the socket out and sets its state to <c>close</c>.
    /// </summary>
    public static string Reported(string state) => state == Refused ? Close : state;
}

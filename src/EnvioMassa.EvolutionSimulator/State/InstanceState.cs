namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>The connection states Evolution reports, spelled as on the wire.</summary>
public static class InstanceState
{
    public const string Open = "open";
    public const string Connecting = "connecting";
    public const string Close = "close";

    public static bool IsValid(string? state) => state is Open or Connecting or Close;
}

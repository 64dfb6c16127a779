namespace EnvioMassa.EvolutionSimulator.Faults;

/// <summary>
/// "The next <see cref="Count"/> requests matching this answer <see cref="Kind"/>". The body of <c>POST /_sim/faults</c>.
/// Without <see cref="Route"/> it matches sendText and sendMedia; <see cref="Number"/> is compared after JID
/// normalisation; unset filters match anything.
/// </summary>
public sealed class ScriptedFault
{
    public long Id { get; set; }

    public FaultKind Kind { get; set; }

    public int Count { get; set; } = 1;

    public string? Number { get; set; }

    public string? Instance { get; set; }

    /// <summary><c>sendText</c>, <c>sendMedia</c>, <c>connectionState</c> or <c>whatsappNumbers</c>.</summary>
    public string? Route { get; set; }
}

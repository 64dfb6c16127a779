using EnvioMassa.EvolutionSimulator.Faults;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>Start-up configuration (section <c>Simulator</c>); <c>POST /_sim/reset</c> returns to it.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public string GlobalApiKey { get; set; } = "sim-global-key";

    public List<InstanceSeed> Instances { get; set; } = [];

    public FaultSettings Faults { get; set; } = new();

    public int WebhookMaxRetries { get; set; } = 10;

    public TimeSpan WebhookFirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class InstanceSeed
{
    public string Name { get; set; } = "";

    public string? Token { get; set; }

    public string State { get; set; } = InstanceState.Open;
}

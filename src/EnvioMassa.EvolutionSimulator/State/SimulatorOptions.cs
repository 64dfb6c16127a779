using EnvioMassa.EvolutionSimulator.Faults;
using EnvioMassa.EvolutionSimulator.Webhooks;
using Microsoft.Extensions.Options;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>Start-up configuration (section <c>Simulator</c>); <c>POST /_sim/reset</c> returns to it.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public string GlobalApiKey { get; set; } = "sim-global-key";

    public List<InstanceSeed> Instances { get; set; } = [];

    public FaultSettings Faults { get; set; } = new();

    /// <summary>
    /// The IANA zone whose wall-clock time Evolution writes into <c>date_time</c> (with a <c>Z</c> it does not deserve).
    /// The official Docker image runs with <c>TZ=America/Sao_Paulo</c>.
    /// </summary>
    public string TimeZone { get; set; } = "America/Sao_Paulo";

    /// <summary>Evolution's <c>WEBHOOK_REQUEST_TIMEOUT_MS</c>: a webhook attempt that takes longer fails and is retried.</summary>
    public int WebhookRequestTimeoutMs { get; set; } = 30_000;

    public WebhookRetryOptions WebhookRetry { get; set; } = new();

    public GlobalWebhookOptions GlobalWebhook { get; set; } = new();

    public string? Validate()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            return $"Simulator:TimeZone \"{TimeZone}\" is not a time zone this machine knows";
        }
        return WebhookRequestTimeoutMs <= 0 ? "Simulator:WebhookRequestTimeoutMs must be positive" : WebhookRetry.Validate();
    }
}

public sealed class InstanceSeed
{
    public string Name { get; set; } = "";

    public string? Token { get; set; }

    public string State { get; set; } = InstanceState.Open;
}

internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

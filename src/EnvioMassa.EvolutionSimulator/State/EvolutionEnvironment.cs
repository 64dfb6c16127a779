using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Memory;

namespace EnvioMassa.EvolutionSimulator.State;

/// <summary>
/// Evolution's own webhook variables (<c>WEBHOOK_GLOBAL_URL</c>, <c>WEBHOOK_EVENTS_CONNECTION_UPDATE</c>,
/// <c>WEBHOOK_RETRY_MAX_ATTEMPTS</c>…), read as Evolution reads them so that one <c>.env</c> can drive both. They are
/// translated into <c>Simulator:</c> keys placed just below the command line: they win over <c>Simulator__</c>
/// environment variables, and <c>--Simulator:…</c> arguments win over them.
/// </summary>
public static class EvolutionEnvironment
{
    private const string EventsPrefix = "WEBHOOK_EVENTS_";

    private static readonly (string Evolution, string Simulator)[] Copied =
    [
        ("WEBHOOK_GLOBAL_URL", "Simulator:GlobalWebhook:Url"),
        ("WEBHOOK_REQUEST_TIMEOUT_MS", "Simulator:WebhookRequestTimeoutMs"),
        ("WEBHOOK_RETRY_MAX_ATTEMPTS", "Simulator:WebhookRetry:MaxAttempts"),
        ("WEBHOOK_RETRY_INITIAL_DELAY_SECONDS", "Simulator:WebhookRetry:InitialDelaySeconds"),
        ("WEBHOOK_RETRY_MAX_DELAY_SECONDS", "Simulator:WebhookRetry:MaxDelaySeconds"),
        ("WEBHOOK_RETRY_JITTER_FACTOR", "Simulator:WebhookRetry:JitterFactor"),
    ];

    public static void AddTo(ConfigurationManager configuration)
    {
        var mapped = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (evolution, simulator) in Copied)
        {
            if (configuration[evolution] is { } value)
            {
                mapped[simulator] = value;
            }
        }
        // Evolution's flags are on only when spelled exactly "true"; exponential backoff is on unless "false".
        Flag(configuration, mapped, "WEBHOOK_GLOBAL_ENABLED", "Simulator:GlobalWebhook:Enabled", value => value == "true");
        Flag(configuration, mapped, "WEBHOOK_GLOBAL_WEBHOOK_BY_EVENTS", "Simulator:GlobalWebhook:ByEvents", value => value == "true");
        Flag(configuration, mapped, "WEBHOOK_RETRY_USE_EXPONENTIAL_BACKOFF", "Simulator:WebhookRetry:UseExponentialBackoff", value => value != "false");
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (key.StartsWith(EventsPrefix, StringComparison.OrdinalIgnoreCase) && !key.Contains(':', StringComparison.Ordinal))
            {
                mapped["Simulator:GlobalWebhook:Events:" + key[EventsPrefix.Length..]] = (value == "true").ToString();
            }
        }
        if (configuration["WEBHOOK_RETRY_NON_RETRYABLE_STATUS_CODES"] is { } codes)
        {
            var index = 0;
            foreach (var code in codes.Split(',', StringSplitOptions.TrimEntries))
            {
                mapped[$"Simulator:WebhookRetry:NonRetryableStatusCodes:{index++}"] = code;
            }
        }
        if (mapped.Count == 0)
        {
            return;
        }

        var source = new MemoryConfigurationSource { InitialData = mapped };
        var commandLine = configuration.Sources.ToList().FindLastIndex(s => s is CommandLineConfigurationSource);
        configuration.Sources.Insert(commandLine < 0 ? configuration.Sources.Count : commandLine, source);
    }

    private static void Flag(ConfigurationManager configuration, Dictionary<string, string?> mapped, string evolution, string simulator,
        Func<string, bool> isOn)
    {
        if (configuration[evolution] is { } value)
        {
            mapped[simulator] = isOn(value).ToString();
        }
    }
}

namespace EnvioMassa.Worker;

/// <summary>
/// Which parts of the pipeline this process runs (<c>Worker:Roles</c>, comma-separated; all by default), so senders
/// can be scaled alone: <c>Worker__Roles=sender</c>.
/// </summary>
public sealed record WorkerRoles(bool Scheduler, bool Sender, bool Counters, bool Saga)
{
    public const string Key = "Worker:Roles";
    static readonly string[] Known = ["scheduler", "sender", "counters", "saga"];

    public static WorkerRoles From(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "all")
            return new WorkerRoles(true, true, true, true);
        var roles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).ToHashSet();
        var unknown = roles.Except(Known).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"{Key}: papel desconhecido '{string.Join(", ", unknown)}'. Use uma lista de: {string.Join(", ", Known)} (ou all).");
        return new WorkerRoles(roles.Contains("scheduler"), roles.Contains("sender"), roles.Contains("counters"), roles.Contains("saga"));
    }

    public override string ToString() =>
        string.Join(",", new[] { Scheduler ? "scheduler" : null, Sender ? "sender" : null, Counters ? "counters" : null, Saga ? "saga" : null }
            .Where(r => r is not null));
}

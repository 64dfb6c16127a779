namespace EnvioMassa.Evolution;

/// <summary>
/// The innermost handler: notes when a request is handed to the socket layer, after every handler, retry and
/// first-call cost above it. Pacing measures a send from that moment (see <see cref="SendResult.DispatchedAt"/>).
/// A request that carries a deadline and reaches this point after it is not sent at all: a send that stalled past
/// its pacing turn must not go out next to the one that took the turn over.
/// </summary>
internal sealed class DispatchTimeHandler(TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<DateTimeOffset> Key = new("EnvioMassa.DispatchedAt");
    public static readonly HttpRequestOptionsKey<DateTimeOffset> Deadline = new("EnvioMassa.LeaveBy");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.Options.TryGetValue(Deadline, out var leaveBy) && now > leaveBy)
            throw new DispatchDeadlineMissedException(now - leaveBy);
        request.Options.Set(Key, now);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The request reached the socket layer after its deadline and was not sent.</summary>
internal sealed class DispatchDeadlineMissedException(TimeSpan late)
    : Exception($"The request was {late.TotalMilliseconds:0} ms past its deadline and was not sent")
{
    public TimeSpan Late { get; } = late;
}

namespace EnvioMassa.Evolution;

/// <summary>
/// The innermost handler: notes when a request is handed to the socket layer, after every handler, retry and
/// first-call cost above it. Pacing measures a send from that moment (see <see cref="SendResult.DispatchedAt"/>).
/// </summary>
internal sealed class DispatchTimeHandler(TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<DateTimeOffset> Key = new("EnvioMassa.DispatchedAt");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(Key, clock.GetUtcNow());
        return base.SendAsync(request, cancellationToken);
    }
}

namespace EnvioMassa.Evolution;

/// <summary>
/// Marks a request as a read, which the resilience pipeline may retry. Anything not marked is treated as a
/// send: one attempt, its own timeout, no retry.
/// </summary>
internal static class EvolutionRequestKind
{
    private static readonly HttpRequestOptionsKey<bool> IsQueryKey = new("EnvioMassa.Evolution.IsQuery");

    public static void MarkAsQuery(HttpRequestMessage request) => request.Options.Set(IsQueryKey, true);

    public static bool IsQuery(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(IsQueryKey, out var isQuery) && isQuery;

    private static readonly HttpRequestOptionsKey<TimeSpan> TypingKey = new("EnvioMassa.Evolution.Typing");

    /// <summary>A send whose body asks Evolution to show "typing…" first: it answers that much later.</summary>
    public static void MarkTyping(HttpRequestMessage request, TimeSpan typing) => request.Options.Set(TypingKey, typing);

    public static TimeSpan Typing(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(TypingKey, out var typing) ? typing : TimeSpan.Zero;
}

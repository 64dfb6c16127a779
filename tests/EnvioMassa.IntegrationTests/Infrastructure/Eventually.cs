namespace EnvioMassa.IntegrationTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls an observable condition until it holds; fails with <paramref name="what"/> when time runs out.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what,
        TimeSpan? intervalo = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Esperado em {timeout.TotalSeconds:0} s: {what}. Último valor: {Describe(last)}");
            await Task.Delay(intervalo ?? TimeSpan.FromMilliseconds(100));
        }
    }

    static string Describe<T>(T value) => value is System.Collections.IEnumerable e and not string
        ? "[" + string.Join(", ", e.Cast<object?>().Take(20)) + "]"
        : value?.ToString() ?? "null";
}

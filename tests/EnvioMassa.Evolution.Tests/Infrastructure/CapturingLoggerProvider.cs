using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EnvioMassa.Evolution.Tests.Infrastructure;

/// <summary>Keeps every log line, with its structured values and exception, at every level.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe<T>(T state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString() ?? "";
    }
}

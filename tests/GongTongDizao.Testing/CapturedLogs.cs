using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Testing;

/// <summary>One captured log entry: level, category and the formatted message.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message);

/// <summary>
/// Every log line a host wrote (its own and, through it, the worker's), formatted with its exception, for assertions
/// about what was (not) logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public string AllText => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var message = formatter(state, exception);
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            logs._lines.Enqueue($"{logLevel} {category}: {message} {structured} {exception}");
            logs._entries.Enqueue(new LogEntry(logLevel, category, message));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Every log entry the API writes, for tests that assert what is (and is not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    /// <summary>Each entry's message (with its exception's text appended) and the exception itself.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : "\n" + exception), exception));
    }
}

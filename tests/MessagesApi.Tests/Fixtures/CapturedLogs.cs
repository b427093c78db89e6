using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Every log entry the API writes, for tests that assert what is (and is not) logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    /// <summary>Each entry's message (with its exception's text appended) and the exception itself.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Each entry's message with the trace of the <see cref="Activity"/> it was written in, if any (a request's,
    /// when written while serving one).</summary>
    public ConcurrentQueue<(string Message, string? TraceId)> Traces { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            logs.Traces.Enqueue((message, Activity.Current?.TraceId.ToString()));
            logs.Entries.Enqueue((logLevel, category, message + (exception is null ? "" : "\n" + exception), exception));
        }
    }
}

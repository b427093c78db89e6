using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Observability;

/// <summary>Keeps the log of rejections bounded under a flood: per reason, the first lines of each interval are written
/// and one summary line counts the rest (see <see cref="RejectionLogOptions"/>). Metrics are not its business: every
/// rejection is still counted there.</summary>
internal sealed class RejectionLog(IOptions<RejectionLogOptions> options, TimeProvider time) : IDisposable
{
    private readonly RejectionLogOptions _settings = options.Value;
    private readonly ConcurrentDictionary<string, RejectionWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>Whether to write this rejection's line: false when <paramref name="logger"/> would not write at
    /// <paramref name="level"/>, or when <paramref name="reason"/> has used up its lines for the interval (the line is
    /// then counted in the reason's summary, written through the logger and at the level of its first rejection).
    /// A reason is a code from a small fixed set (a rejection reason, a permission), never a value from the request:
    /// each keeps a window for the life of the process.</summary>
    public bool ShouldWrite(ILogger logger, LogLevel level, string reason)
    {
        if (!logger.IsEnabled(level))
            return false;
        // Two first rejections at once may both create a window; the one not kept was never started and holds nothing.
        var window = _windows.GetOrAdd(reason, static (reason, state) =>
            new RejectionWindow(reason, state.logger, state.level, state.settings, state.time), (logger, level, settings: _settings, time));
        return window.Count();
    }

    public void Dispose()
    {
        foreach (var window in _windows.Values)
            window.Dispose();
    }
}

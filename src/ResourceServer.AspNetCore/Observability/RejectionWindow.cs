namespace ResourceServer.AspNetCore.Observability;

/// <summary>One reason's rejections in the current interval. The interval starts with the reason's first rejection; when
/// it ends, one line through the same logger, at the same level, counts the rejections whose line was not written.</summary>
internal sealed class RejectionWindow : IDisposable
{
    private readonly string _reason;
    private readonly ILogger _logger;
    private readonly LogLevel _level;
    private readonly RejectionLogOptions _settings;
    private readonly ITimer _end;
    private long _rejections;

    public RejectionWindow(string reason, ILogger logger, LogLevel level, RejectionLogOptions settings, TimeProvider time)
    {
        (_reason, _logger, _level, _settings) = (reason, logger, level, settings);
        // A timer keeps the context it was created in: made inside a request, every summary would carry that request's
        // scopes and trace, and keep them alive.
        if (ExecutionContext.IsFlowSuppressed())
            _end = CreateEndTimer(time);
        else
            using (ExecutionContext.SuppressFlow())
                _end = CreateEndTimer(time);
    }

    /// <summary>Counts one rejection; true while the interval's lines are not used up.</summary>
    public bool Count()
    {
        var rejections = Interlocked.Increment(ref _rejections);
        if (rejections == 1)
            _end.Change(_settings.Interval, Timeout.InfiniteTimeSpan);
        return rejections <= _settings.LinesPerInterval;
    }

    public void Dispose() => _end.Dispose();

    private ITimer CreateEndTimer(TimeProvider time) =>
        time.CreateTimer(static window => ((RejectionWindow)window!).End(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    // The next rejection after the reset starts the next interval.
    private void End()
    {
        var notWritten = Interlocked.Exchange(ref _rejections, 0) - _settings.LinesPerInterval;
        if (notWritten > 0)
            _logger.Log(_level, "{Count} more rejections for reason {Reason} in the last {Interval}.", notWritten, _reason, _settings.Interval);
    }
}

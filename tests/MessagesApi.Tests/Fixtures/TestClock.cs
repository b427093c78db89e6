using Microsoft.Extensions.Time.Testing;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A fake clock that counts the timers created on it, so a test can advance time once the code it drives is
/// waiting (a timer created after an advance would not see it), and can tell when that code is waiting again. It starts
/// at a whole second, so a test can put a NumericDate exactly on an edge.</summary>
public sealed class TestClock() : FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    /// <summary>As the system's timers do, each callback runs in the execution context its timer was created in (its
    /// AsyncLocals, the ambient Activity), unless that context's flow was suppressed.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var context = ExecutionContext.Capture();
        var timer = base.CreateTimer(context is null ? callback : state => ExecutionContext.Run(context, callback.Invoke, state), state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }
}

using System.Diagnostics;

namespace MessagesApi.Tests.Fixtures;

/// <summary>Waits on a condition instead of a fixed sleep: returns as soon as it holds, fails with the reason when it
/// never does within the limit.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan limit, string? because = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > limit)
                throw new TimeoutException($"Not true within {limit.TotalSeconds} s{(because is null ? "" : ": " + because)}.");
            await Task.Delay(Poll);
        }
    }

    public static Task Until(Func<bool> condition, TimeSpan limit, string? because = null) =>
        Until(() => Task.FromResult(condition()), limit, because);
}

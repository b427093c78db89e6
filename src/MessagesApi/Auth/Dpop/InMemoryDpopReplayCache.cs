using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

/// <summary>Used proofs remembered in this process: enough for one replica. Expired proofs are forgotten at most once per
/// <see cref="DpopOptions.ProofMaxAge"/>, or at once when the cache is full; still full, it fails closed.</summary>
internal sealed class InMemoryDpopReplayCache(IOptions<DpopOptions> options, TimeProvider time) : IDpopReplayCache
{
    private readonly ConcurrentDictionary<string, long> _used = new(StringComparer.Ordinal);
    private readonly int _max = options.Value.MaxRememberedProofs;
    private readonly long _sweepEvery = options.Value.ProofMaxAge.Ticks;
    private readonly Lock _sweeping = new();
    private int _count;
    private long _lastSweep = time.GetUtcNow().UtcTicks;

    public ValueTask<bool> TryRememberAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (now - Volatile.Read(ref _lastSweep) >= _sweepEvery || Volatile.Read(ref _count) >= _max)
            Sweep(now);
        if (Volatile.Read(ref _count) >= _max)
            throw new DpopReplayCacheUnavailableException("Too many DPoP proofs are remembered at once to check another for replay.");
        if (!_used.TryAdd(key, until.UtcTicks))
            return ValueTask.FromResult(false);
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(true);
    }

    private void Sweep(long now)
    {
        if (!_sweeping.TryEnter())
            return;
        try
        {
            _lastSweep = now;
            foreach (var (key, until) in _used)
            {
                if (until <= now && _used.TryRemove(new KeyValuePair<string, long>(key, until)))
                    Interlocked.Decrement(ref _count);
            }
        }
        finally
        {
            _sweeping.Exit();
        }
    }
}

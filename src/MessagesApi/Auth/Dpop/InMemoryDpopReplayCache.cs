using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

/// <summary>Used proofs remembered in this process: enough for one replica. Expired proofs are forgotten at most once per
/// <see cref="DpopOptions.ProofMaxAge"/>, or when the cache is full (at most once a second); still full, it fails
/// closed. Each proof is kept as 128 bits of its key's SHA-256: about 64 bytes an entry, dictionary included.</summary>
internal sealed class InMemoryDpopReplayCache(IOptions<DpopOptions> options, TimeProvider time) : IDpopReplayCache
{
    private readonly ConcurrentDictionary<UInt128, long> _used = new();
    private readonly int _max = options.Value.MaxRememberedProofs;
    private readonly long _sweepEvery = options.Value.ProofMaxAge.Ticks;
    private readonly Lock _sweeping = new();
    private int _count;
    private long _lastSweep = time.GetUtcNow().UtcTicks;

    public ValueTask<bool> TryRememberAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var sinceSweep = now - Volatile.Read(ref _lastSweep);
        // Full, it sweeps at most once a second: a sweep walks every entry, and a flood must not make each request walk them.
        if (sinceSweep >= _sweepEvery || (Volatile.Read(ref _count) >= _max && sinceSweep >= TimeSpan.TicksPerSecond))
            Sweep(now);
        if (Volatile.Read(ref _count) >= _max)
            throw new DpopReplayCacheUnavailableException("Too many DPoP proofs are remembered at once to check another for replay.");
        if (!_used.TryAdd(Digest(key), until.UtcTicks))
            return ValueTask.FromResult(false);
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(true);
    }

    private static UInt128 Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
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
                if (until <= now && _used.TryRemove(new KeyValuePair<UInt128, long>(key, until)))
                    Interlocked.Decrement(ref _count);
            }
        }
        finally
        {
            _sweeping.Exit();
        }
    }
}

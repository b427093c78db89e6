using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Used proofs remembered in this process: enough for one replica. A proof is kept in the bucket (an eighth of
/// <see cref="DpopOptions.ProofMaxAge"/> wide) that its window ends in, and a bucket is dropped whole once its time has
/// passed: nothing is swept entry by entry, so what it holds follows the rate of the last window, not a ceiling. A key
/// (JWK thumbprint) with <see cref="DpopOptions.ProofsPerKey"/> proofs remembered is refused on its own (429); only when
/// the whole store holds <see cref="DpopOptions.MaxRememberedProofs"/> does it fail closed for everyone (503). Each proof
/// is kept as a 128-bit <see cref="ProofDigest"/>: about 28 bytes an entry, set included.</summary>
internal sealed class InMemoryDpopReplayCache : IDpopReplayCache
{
    /// <summary>A proof is forgotten at most an eighth of <see cref="DpopOptions.ProofMaxAge"/> after its window ends;
    /// a lookup checks about ten buckets.</summary>
    public const int BucketsPerProofMaxAge = 8;

    private readonly TimeProvider _time;
    private readonly int _max;
    private readonly int _perKey;
    private readonly long _bucketTicks;
    private readonly Lock _lock = new();
    private readonly List<ReplayBucket> _buckets = []; // by End, oldest first
    private readonly Dictionary<string, int> _heldByKey = new(StringComparer.Ordinal);
    private int _count;

    public InMemoryDpopReplayCache(IOptions<DpopOptions> options, TimeProvider time, AuthMetrics metrics)
    {
        _time = time;
        _max = options.Value.MaxRememberedProofs;
        _perKey = options.Value.ProofsPerKey;
        _bucketTicks = Math.Max(1, options.Value.ProofMaxAge.Ticks / BucketsPerProofMaxAge);
        metrics.ObserveRememberedProofs(() => Count);
    }

    /// <summary>The proofs remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                DropPassed(_time.GetUtcNow().UtcTicks);
                return _count;
            }
        }
    }

    public ValueTask<bool> TryRememberAsync(string thumbprint, string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var proof = ProofDigest.Of(key);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            DropPassed(now);
            foreach (var bucket in _buckets)
            {
                if (bucket.Contains(proof))
                    return ValueTask.FromResult(false);
            }
            var held = _heldByKey.GetValueOrDefault(thumbprint);
            if (held >= _perKey)
                throw new DpopKeyOverShareException(UntilOldestDropped(thumbprint, now));
            if (_count >= _max)
                throw new DpopReplayCacheUnavailableException("Too many DPoP proofs are remembered at once to check another for replay.");
            BucketEndingAfter(until.UtcTicks).Add(proof, thumbprint);
            _heldByKey[thumbprint] = held + 1;
            _count++;
            return ValueTask.FromResult(true);
        }
    }

    private void DropPassed(long now)
    {
        while (_buckets.Count > 0 && _buckets[0].End <= now)
        {
            var passed = _buckets[0];
            _buckets.RemoveAt(0);
            _count -= passed.Count;
            foreach (var (thumbprint, count) in passed.PerKey)
            {
                var left = _heldByKey[thumbprint] - count;
                if (left == 0)
                    _heldByKey.Remove(thumbprint);
                else
                    _heldByKey[thumbprint] = left;
            }
        }
    }

    /// <summary>The bucket a proof remembered until <paramref name="until"/> belongs in: the first ending after it, so a
    /// proof is never forgotten early.</summary>
    private ReplayBucket BucketEndingAfter(long until)
    {
        var end = (until / _bucketTicks + 1) * _bucketTicks;
        var index = _buckets.Count;
        while (index > 0 && _buckets[index - 1].End >= end)
        {
            if (_buckets[index - 1].End == end)
                return _buckets[index - 1];
            index--;
        }
        var bucket = new ReplayBucket(end);
        _buckets.Insert(index, bucket);
        return bucket;
    }

    /// <summary>When the oldest bucket holding one of this key's proofs is dropped, freeing part of its share.</summary>
    private TimeSpan UntilOldestDropped(string thumbprint, long now) =>
        TimeSpan.FromTicks(_buckets.First(bucket => bucket.PerKey.ContainsKey(thumbprint)).End - now);
}

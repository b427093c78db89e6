using StackExchange.Redis;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The DPoP replay store shared by every replica: a proof's key is set in Redis only when absent, with its expiry,
/// in one atomic command (<c>SET key 1 PX ms NX</c>), so of two replicas checking the same proof at once exactly one
/// sees it first. Fails closed: when Redis does not answer, it throws instead of passing the proof. No share per key:
/// Redis's own memory (its <c>maxmemory</c>) is the limit, shared by every replica, and counting each key's proofs
/// there would cost a second command a request.</summary>
internal sealed class RedisDpopReplayCache(DpopRedisConnection redis, TimeProvider time) : IDpopReplayCache
{
    /// <summary>Keeps these keys apart from anything else stored in the same Redis.</summary>
    public const string KeyPrefix = "messages-api:dpop:jti:";

    public async ValueTask<bool> TryRememberAsync(string thumbprint, string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var expiry = ExpiryUntil(until);
        try
        {
            return await redis.RunAsync(database => database.StringSetAsync(KeyPrefix + key, 1, expiry, When.NotExists), cancellationToken);
        }
        // Refused, timed out, an error reply, disposed: whatever it was, Redis did not say. Only the caller's own
        // cancellation is not Redis's failure.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DpopReplayCacheUnavailableException(
                $"Redis at {redis.Endpoints} did not answer whether this DPoP proof was used before, so the proof cannot be accepted.", e);
        }
    }

    /// <summary>Rounded up to Redis's whole milliseconds, so a proof is never forgotten before <paramref name="until"/>;
    /// at least 1 ms, as Redis refuses an expiry of 0.</summary>
    private TimeSpan ExpiryUntil(DateTimeOffset until) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((until - time.GetUtcNow()).TotalMilliseconds)));
}

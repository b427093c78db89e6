using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Whether the DPoP replay store's Redis answers a PING within the request timeout. Redis is optional for what a
/// replica exists to serve: while it does not answer, DPoP requests get 503 but Bearer requests are served, so the check
/// is Degraded (/readyz stays 200 and says why), never Unhealthy, which would take every replica out at once. A singleton
/// that remembers the last answer, so a change is logged once (down: a Warning with why; back: an Information), not on
/// every probe, and shown by <see cref="AuthMetrics.ReplayStoreChecked"/>.</summary>
internal sealed class RedisDpopHealthCheck(DpopRedisConnection redis, AuthMetrics metrics, ILogger<RedisDpopHealthCheck> logger) : IHealthCheck
{
    private const int Unknown = 0, Answers = 1, Unreachable = 2;

    private int _last = Unknown;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.RunAsync(database => database.PingAsync(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.ReplayStoreChecked(false);
            if (Interlocked.Exchange(ref _last, Unreachable) != Unreachable)
                logger.LogWarning(e, "DPoP's Redis at {Endpoints} is unreachable: DPoP requests get 503 until it is back; the API stays ready for Bearer requests.", redis.Endpoints);
            // /readyz is anonymous: the reason says what is wrong, not where Redis lives (the log does).
            return HealthCheckResult.Degraded("DPoP's Redis is unreachable: DPoP requests get 503 until it is back; Bearer requests are served.");
        }
        metrics.ReplayStoreChecked(true);
        if (Interlocked.Exchange(ref _last, Answers) == Unreachable)
            logger.LogInformation("DPoP's Redis at {Endpoints} answers again: DPoP requests are served.", redis.Endpoints);
        return HealthCheckResult.Healthy("DPoP's Redis answers.");
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MessagesApi.Auth;

/// <summary>Ready while the DPoP replay store's Redis answers a PING within the request timeout; otherwise not ready, saying
/// which Redis and what it means for requests.</summary>
internal sealed class RedisDpopHealthCheck(DpopRedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.RunAsync(database => database.PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy("DPoP's Redis answers.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // /readyz is anonymous: the reason says what is wrong, not where Redis lives (the logged exception does).
            return HealthCheckResult.Unhealthy("DPoP's Redis is unreachable: DPoP requests are refused with 503 until it is back.", e);
        }
    }
}

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
            return HealthCheckResult.Healthy($"Redis at {redis.Endpoints} answers.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(
                $"Redis at {redis.Endpoints} is unreachable: DPoP requests are refused with 503 until it is back.", e);
        }
    }
}

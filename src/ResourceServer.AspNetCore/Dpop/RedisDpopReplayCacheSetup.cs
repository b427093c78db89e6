
namespace ResourceServer.AspNetCore.Dpop;

internal static class RedisDpopReplayCacheSetup
{
    public const string HealthCheckName = "dpop-redis";

    /// <summary>Used DPoP proofs are remembered in the Redis that <paramref name="configuration"/> (a StackExchange.Redis
    /// configuration string) names, shared by every replica; while it does not answer, /readyz says the API is degraded
    /// (see <see cref="RedisDpopHealthCheck"/>). The connection is made when first needed and closed with the app.</summary>
    public static IServiceCollection AddRedisDpopReplayCache(this IServiceCollection services, string configuration)
    {
        services.AddSingleton(_ => new DpopRedisConnection(configuration));
        services.AddSingleton<IDpopReplayCache, RedisDpopReplayCache>();
        // One instance, which the health checks resolve from here, so it remembers what the last probe saw.
        services.AddSingleton<RedisDpopHealthCheck>();
        services.AddHealthChecks().AddCheck<RedisDpopHealthCheck>(HealthCheckName, tags: [HealthTags.Ready]);
        return services;
    }
}

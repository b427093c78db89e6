using MessagesApi.Health;

namespace MessagesApi.Auth;

internal static class RedisDpopReplayCacheSetup
{
    public const string HealthCheckName = "dpop-redis";

    /// <summary>Used DPoP proofs are remembered in the Redis that <paramref name="configuration"/> (a StackExchange.Redis
    /// configuration string) names, shared by every replica; /readyz is not ready while it does not answer. The
    /// connection is made when first needed and closed with the app.</summary>
    public static IServiceCollection AddRedisDpopReplayCache(this IServiceCollection services, string configuration)
    {
        services.AddSingleton(_ => new DpopRedisConnection(configuration));
        services.AddSingleton<IDpopReplayCache, RedisDpopReplayCache>();
        services.AddHealthChecks().AddCheck<RedisDpopHealthCheck>(HealthCheckName, tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}

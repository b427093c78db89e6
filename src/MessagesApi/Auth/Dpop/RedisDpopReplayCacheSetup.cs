namespace MessagesApi.Auth;

internal static class RedisDpopReplayCacheSetup
{
    /// <summary>Used DPoP proofs are remembered in the Redis that <paramref name="configuration"/> (a StackExchange.Redis
    /// configuration string) names, shared by every replica. The connection is made when first needed and closed with
    /// the app.</summary>
    public static IServiceCollection AddRedisDpopReplayCache(this IServiceCollection services, string configuration)
    {
        services.AddSingleton(_ => new DpopRedisConnection(configuration));
        services.AddSingleton<IDpopReplayCache, RedisDpopReplayCache>();
        return services;
    }
}

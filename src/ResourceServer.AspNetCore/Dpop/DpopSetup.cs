using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Dpop;

internal static class DpopSetup
{
    /// <summary>DPoP proofs beside the access-token check: settings from <c>Auth0:Dpop</c>, nonces, and the replay cache
    /// (in this process, or in Redis when <c>Auth0:Dpop:Redis</c> is set).</summary>
    public static IServiceCollection AddDpop(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.BindOnce<DpopOptions, DpopOptionsValidator>(() =>
        {
            var bound = configuration.GetSection(DpopOptions.Section).Get<DpopOptions>() ?? new DpopOptions();
            bound.ResolveLists(configuration);
            return bound;
        });
        services.AddSingleton<DpopNonces>();
        // A string that does not parse is refused at start, before the connection is first made.
        if (options.Redis is { Length: > 0 } redis)
            services.AddRedisDpopReplayCache(redis);
        else
            services.AddSingleton<IDpopReplayCache, InMemoryDpopReplayCache>();
        services.AddSingleton<DpopProofKeys>();
        services.AddSingleton<DpopProofValidator>();
        services.AddSingleton<DpopBinding>();
        services.AddSingleton<WwwAuthenticate>();
        services.AddSingleton<DpopExplainer>();
        return services;
    }
}

using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Dpop;

internal static class DpopSetup
{
    /// <summary>DPoP proofs beside the access-token check: settings from <c>Auth0:Dpop</c>, nonces, and the replay cache
    /// (in this process, or in Redis when <c>Auth0:Dpop:Redis</c> is set).</summary>
    public static IServiceCollection AddDpop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DpopOptions>()
            .BindConfiguration(DpopOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.ResolveLists(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DpopOptions>, DpopOptionsValidator>();
        services.AddSingleton<DpopNonces>();
        // Read before options are validated, as the registrations need it; a string that does not parse is refused at start.
        if (configuration[$"{DpopOptions.Section}:{nameof(DpopOptions.Redis)}"] is { Length: > 0 } redis)
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

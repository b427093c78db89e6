namespace ResourceServer.AspNetCore.Introspection;

internal static class IntrospectionSetup
{
    /// <summary>Opaque tokens by introspection (<c>Auth0:Introspection</c>), on once a client id is set; while the
    /// issuer's endpoint does not answer, /readyz says the API is degraded (see <see cref="IntrospectionHealthCheck"/>).</summary>
    public static IServiceCollection AddIntrospection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.BindOnce<IntrospectionOptions, IntrospectionOptionsValidator>(() =>
            configuration.GetSection(IntrospectionOptions.Section).Get<IntrospectionOptions>() ?? new IntrospectionOptions());
        services.AddSingleton<IntrospectionClient>();
        services.AddSingleton<IntrospectionAvailability>();
        services.AddSingleton<IntrospectedTokens>();
        if (options.Enabled)
            services.AddHealthChecks().AddCheck<IntrospectionHealthCheck>("introspection", tags: [HealthTags.Ready]);
        return services;
    }
}

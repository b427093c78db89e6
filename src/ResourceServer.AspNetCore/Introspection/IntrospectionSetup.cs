namespace ResourceServer.AspNetCore.Introspection;

internal static class IntrospectionSetup
{
    /// <summary>Opaque tokens by introspection (<c>Auth0:Introspection</c>), on once a client id is set.</summary>
    public static IServiceCollection AddIntrospection(this IServiceCollection services, IConfiguration configuration)
    {
        services.BindOnce<IntrospectionOptions, IntrospectionOptionsValidator>(() =>
            configuration.GetSection(IntrospectionOptions.Section).Get<IntrospectionOptions>() ?? new IntrospectionOptions());
        services.AddSingleton<IntrospectionClient>();
        services.AddSingleton<IntrospectedTokens>();
        return services;
    }
}

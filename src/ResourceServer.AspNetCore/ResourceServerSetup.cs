using ResourceServer.AspNetCore.Clients;
using ResourceServer.AspNetCore.Explainer;
using ResourceServer.AspNetCore.ResourceMetadata;

namespace ResourceServer.AspNetCore;

/// <summary>The three calls an API makes to check access tokens: one on the builder, one in the pipeline, one among its
/// endpoints.</summary>
public static class ResourceServerSetup
{
    /// <summary>Checks access tokens from the issuers in <c>AUTH0_DOMAIN</c> (or <c>Auth0:Domain</c>) meant for
    /// <c>AUTH0_AUDIENCE</c> (or <c>Auth0:Audience</c>), Bearer or DPoP-bound, and the permissions they grant; holds each
    /// client to a failure budget (<c>Clients:FailureBudget</c>), behind the trusted proxies of <c>ForwardedHeaders</c>;
    /// describes the API by RFC 9728 metadata at <c>PUBLIC_URL</c>. The settings are read once, when this is called, so add
    /// any configuration source before it; every one is validated when the app starts, and a wrong one stops it with one
    /// line naming the setting.</summary>
    /// <param name="builder">The application's builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static WebApplicationBuilder AddResourceServer(this WebApplicationBuilder builder)
    {
        builder.AddTrustedProxies();
        builder.AddAuth0JwtBearer();
        builder.AddProtectedResourceMetadata();
        builder.AddFailureBudget();
        return builder;
    }

    /// <summary>The failure budget, authentication and authorization, in that order. Call it after CORS and any
    /// middleware that writes error bodies, so a refusal reaches a browser app with the usual headers. The trusted
    /// proxies' forwarded headers are read before all of the app's own middleware.</summary>
    /// <param name="app">The application's pipeline.</param>
    /// <returns>The same pipeline, for chaining.</returns>
    public static IApplicationBuilder UseResourceServer(this IApplicationBuilder app)
    {
        app.UseFailureBudget();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps what tells clients how to reach the API: its RFC 9728 metadata at
    /// <c>/.well-known/oauth-protected-resource</c> (404 until <c>PUBLIC_URL</c> is set, outside Development) and, in
    /// Development only, <c>/dev/explain</c>, which explains to clients on this machine why a token is accepted or
    /// refused.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The same endpoints, for chaining.</returns>
    public static IEndpointRouteBuilder MapResourceServer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProtectedResourceMetadata();
        endpoints.MapTokenExplainerInDevelopment();
        return endpoints;
    }
}

using ResourceServer.AspNetCore.Clients;
using ResourceServer.AspNetCore.ResourceMetadata;

namespace ResourceServer.AspNetCore;

/// <summary>The two calls an API makes to check access tokens: one on the builder, one in the pipeline.</summary>
internal static class ResourceServerSetup
{
    /// <summary>Access tokens from the issuers in AUTH0_DOMAIN (or <c>Auth0:Domain</c>) for AUTH0_AUDIENCE, Bearer or
    /// DPoP-bound; the permissions they grant; each client's failure budget, behind the trusted proxies of
    /// <c>ForwardedHeaders</c>; the RFC 9728 metadata of PUBLIC_URL. Every setting is validated when the app starts.</summary>
    public static WebApplicationBuilder AddResourceServer(this WebApplicationBuilder builder)
    {
        builder.AddTrustedProxies();
        builder.AddAuth0JwtBearer();
        builder.AddProtectedResourceMetadata();
        builder.Services.AddFailureBudget();
        return builder;
    }

    /// <summary>The failure budget, authentication and authorization, in that order: after CORS and the error bodies, so
    /// a refusal reaches a browser app with the usual headers. The trusted proxies' forwarded headers are read first of
    /// all, before the app's own middleware.</summary>
    public static WebApplication UseResourceServer(this WebApplication app)
    {
        app.UseFailureBudget();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

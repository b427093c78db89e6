using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

internal static class ProtectedResourceMetadataEndpoint
{
    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProtectedResourceMetadata.Path, (IOptions<Auth0Options> options) => TypedResults.Ok(new ProtectedResourceMetadata(
                options.Value.Audience!, options.Value.Issuers, ["header"], Permissions.All)))
            .AllowAnonymous()
            .WithTags("Discovery")
            .WithSummary("RFC 9728 Protected Resource Metadata");
        return app;
    }
}

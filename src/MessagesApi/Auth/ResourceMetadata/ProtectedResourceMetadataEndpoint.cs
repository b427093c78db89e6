using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

internal static class ProtectedResourceMetadataEndpoint
{
    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProtectedResourceMetadata.Path, GetMetadata)
            .AllowAnonymous()
            .WithTags("Discovery")
            .WithSummary("RFC 9728 Protected Resource Metadata (404 outside Development unless PUBLIC_URL is set)")
            // The status-code pages give the bare NotFound its JSON body.
            .Produces<MessagesApi.Web.ErrorMessage>(StatusCodes.Status404NotFound);
        return app;
    }

    internal static Results<Ok<ProtectedResourceMetadata>, NotFound> GetMetadata(
        IOptions<ProtectedResourceOptions> resource, IssuerKeyStore keys, IOptions<DpopOptions> dpop) =>
        resource.Value.Resource is { } identifier
            // As each discovery document names its issuer: RFC 8414 clients require the metadata's issuer to equal it exactly.
            ? TypedResults.Ok(new ProtectedResourceMetadata(identifier, keys.Issuers.Select(issuer => issuer.TrustedIssuer).ToArray(), ["header"], Permissions.All,
                dpop.Value.Mode == DpopMode.Disabled ? [] : dpop.Value.Algorithms, dpop.Value.Mode == DpopMode.Required))
            : TypedResults.NotFound();
}

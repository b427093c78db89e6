using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.ResourceMetadata;

internal static class ProtectedResourceMetadataEndpoint
{
    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProtectedResourceMetadata.Path, GetMetadata)
            .AllowAnonymous()
            .WithTags("Discovery")
            .WithSummary("RFC 9728 Protected Resource Metadata (404 outside Development unless PUBLIC_URL is set)")
            // The status-code pages give the bare NotFound its JSON body.
            .Produces<ErrorMessage>(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The scopes are the permissions the API's endpoints require, read as the authorization middleware reads them.</summary>
    internal static async Task<Results<Ok<ProtectedResourceMetadata>, NotFound>> GetMetadata(
        IOptions<ProtectedResourceOptions> resource, IssuerKeyStore keys, IOptions<DpopOptions> dpop, IOptions<CertificateBindingOptions> certificates, EndpointDataSource endpoints, IAuthorizationPolicyProvider policies)
    {
        if (resource.Value.Resource is not { } identifier)
            return TypedResults.NotFound();
        var scopes = await EndpointPermission.AllRequiredAsync(endpoints, policies);
        // As each discovery document names its issuer: RFC 8414 clients require the metadata's issuer to equal it exactly.
        return TypedResults.Ok(new ProtectedResourceMetadata(identifier, keys.TrustedIssuers, ["header"], scopes,
            dpop.Value.Mode == DpopMode.Disabled ? [] : dpop.Value.Algorithms, dpop.Value.Mode == DpopMode.Required,
            certificates.Value.Enabled));
    }
}

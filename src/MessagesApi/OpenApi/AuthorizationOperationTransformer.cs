using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ResourceServer.AspNetCore.Permissions;

namespace MessagesApi.OpenApi;

/// <summary>Puts the Bearer requirement on exactly the operations whose endpoints require authorization, naming the
/// permissions an operation needs as the authorization middleware reads them; anonymous operations stay open.</summary>
internal sealed class AuthorizationOperationTransformer(bool offerOAuth) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.ToArray();
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            return;
        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var permissions = (await EndpointPermission.RequiredBy(metadata, policies)).ToList();
        operation.Security = SwaggerSetup.TokenRequirements(context.Document, permissions, offerOAuth);
        if (permissions.Count > 0)
            operation.Description = $"Requires the permission {string.Join(", ", permissions)} in the access token (the claims Auth0:PermissionClaims names).";
    }
}

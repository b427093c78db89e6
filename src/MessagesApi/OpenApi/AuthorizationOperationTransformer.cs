using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MessagesApi.OpenApi;

/// <summary>Puts the Bearer requirement on exactly the operations whose endpoints require authorization, naming the
/// permission (the policy) an operation needs; anonymous operations stay open.</summary>
internal sealed class AuthorizationOperationTransformer(bool offerOAuth) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToArray();
        if (authorize.Length == 0 || metadata.OfType<IAllowAnonymous>().Any())
            return Task.CompletedTask;
        var permissions = authorize.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = permissions }];
        if (offerOAuth)
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.OAuthScheme, context.Document)] = permissions });
        if (permissions.Count > 0)
            operation.Description = $"Requires the permission {string.Join(", ", permissions)} in the access token's permissions claim.";
        return Task.CompletedTask;
    }
}

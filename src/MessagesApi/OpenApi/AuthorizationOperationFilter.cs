using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MessagesApi.OpenApi;

/// <summary>Puts the Bearer requirement on exactly the operations whose endpoints require authorization, naming the
/// permission (the policy) an operation needs; anonymous operations stay open.</summary>
internal sealed class AuthorizationOperationFilter(bool offerOAuth) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToArray();
        if (authorize.Length == 0 || metadata.OfType<IAllowAnonymous>().Any())
            return;
        var permissions = authorize.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = permissions }];
        if (offerOAuth)
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.OAuthScheme, context.Document)] = permissions });
        if (permissions.Count > 0)
            operation.Description = $"Requires the permission {string.Join(", ", permissions)} in the access token's permissions claim.";
    }
}

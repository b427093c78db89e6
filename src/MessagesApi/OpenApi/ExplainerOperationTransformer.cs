using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ResourceServer.AspNetCore.Explainer;

namespace MessagesApi.OpenApi;

/// <summary>Swagger UI sends the token from Authorize only to an operation with a security requirement, so GET
/// /dev/explain gets one of each scheme; the empty alternative keeps the call possible without a token (the explanation
/// then says "no token").</summary>
internal sealed class ExplainerOperationTransformer(bool offerOAuth) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.HttpMethod != HttpMethods.Get || "/" + context.Description.RelativePath?.TrimEnd('/') != TokenExplainerEndpoints.Path)
            return Task.CompletedTask;
        operation.Security = SwaggerSetup.TokenRequirements(context.Document, [], offerOAuth);
        operation.Security.Add(new OpenApiSecurityRequirement());
        return Task.CompletedTask;
    }
}

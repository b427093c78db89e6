using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MessagesApi.OpenApi;

/// <summary>Gives each response the description its <see cref="IProducesResponseTypeMetadata"/> carries: the API explorer
/// keeps a declared body's type (over the one the return type declares for the same status) but not its description.</summary>
internal sealed class ResponseDescriptionsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (declared.Description is { } description && operation.Responses?.GetValueOrDefault(declared.StatusCode.ToString()) is OpenApiResponse response)
                response.Description = description;
        }
        return Task.CompletedTask;
    }
}

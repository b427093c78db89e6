using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MessagesApi.Health;

namespace MessagesApi.OpenApi;

/// <summary>/healthz and /readyz in the document. Health checks are not route handlers, so the API explorer, which
/// builds the rest of the document, does not see them.</summary>
internal sealed class HealthPathsTransformer : IOpenApiDocumentTransformer
{
    private const string Tag = "Health";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent(nameof(HealthBody), await context.GetOrCreateSchemaAsync(typeof(HealthBody), null, cancellationToken));
        var body = new OpenApiSchemaReference(nameof(HealthBody), document);
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag });
        document.Paths[HealthEndpoints.LivenessPath] = Get(document, "Liveness: the process serves requests.", body,
            (StatusCodes.Status200OK, "Healthy."));
        document.Paths[HealthEndpoints.ReadinessPath] = Get(document, "Readiness: the API can validate tokens and is not shutting down.", body,
            (StatusCodes.Status200OK, "Healthy, or Degraded when an optional dependency does not answer (reasons says which)."),
            (StatusCodes.Status503ServiceUnavailable, "Unhealthy: reasons says why (signing keys not loaded, shutting down)."));
    }

    private static OpenApiPathItem Get(OpenApiDocument document, string summary, IOpenApiSchema body, params (int Status, string Description)[] answers) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                Summary = summary,
                Responses = Responses(body, answers),
            },
        },
    };

    private static OpenApiResponses Responses(IOpenApiSchema body, (int Status, string Description)[] answers)
    {
        var responses = new OpenApiResponses();
        foreach (var (status, description) in answers)
        {
            responses[status.ToString()] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            };
        }
        return responses;
    }
}

using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Endpoints;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>/dev/explain, in Development only and for clients on this machine: every check a token passes or fails,
/// whichever trusted issuer made it, so a real tenant's token (AUTH0_DOMAIN set) can be debugged as well as a
/// development one.</summary>
internal static class TokenExplainerEndpoints
{
    public const string Path = "/dev/explain";

    public static IEndpointRouteBuilder MapTokenExplainerInDevelopment(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            return app;
        var explain = app.MapGroup(Path).WithTags("Token explainer").AnswerLoopbackClientsOnly();
        explain.MapGet("", ExplainHeader)
            .WithSummary("Explains the token in the Authorization header, Bearer or DPoP with its DPoP proof header, and the client certificate presented (Development only).");
        explain.MapPost("", ExplainBody)
            .WithSummary("Explains the token in the body, sent as text (Development only).")
            .Accepts<string>(MediaTypeNames.Text.Plain);
        return app;
    }

    internal static async Task<Ok<TokenExplanation>> ExplainHeader(HttpRequest request, TokenExplainer explainer, ClientCertificate certificate) =>
        TypedResults.Ok(await explainer.ExplainAsync(AuthorizationHeader.TokenFrom(request.Headers.Authorization.ToString()), Proof(request),
            certificate.Thumbprint(request.HttpContext)));

    /// <summary>The body is the token, or a whole <c>Bearer …</c> value as copied from a request.</summary>
    internal static async Task<Ok<TokenExplanation>> ExplainBody(HttpRequest request, TokenExplainer explainer, ClientCertificate certificate)
    {
        using var reader = new StreamReader(request.Body);
        var body = (await reader.ReadToEndAsync()).Trim();
        return TypedResults.Ok(await explainer.ExplainAsync(AuthorizationHeader.TokenFrom(body) is { Length: > 0 } token ? token : body, Proof(request),
            certificate.Thumbprint(request.HttpContext)));
    }

    private static string? Proof(HttpRequest request) =>
        request.Headers[DpopProofValidator.HeaderName] is { Count: > 0 } proof ? proof.ToString() : null;
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MessagesApi.Auth;

namespace MessagesApi.DevIssuer;

/// <summary>The development issuer over HTTP: discovery and JWKS (which Auth fetches like any issuer's), token
/// minting, and an explanation of why a token is or is not accepted.</summary>
internal static class DevIssuerEndpoints
{
    public const string IssuerPath = "/dev-issuer/";

    public static IEndpointRouteBuilder MapDevelopmentIssuer(this IEndpointRouteBuilder app)
    {
        var issuer = app.MapGroup("/dev-issuer/.well-known").WithTags("Development issuer").ExcludeFromDescription();
        issuer.MapGet("/openid-configuration", GetDiscoveryDocument);
        issuer.MapGet("/jwks.json", GetJwks);

        var dev = app.MapGroup("/dev").WithTags("Development issuer").AnswerLoopbackClientsOnly();
        dev.MapDevToken();
        dev.MapPost("/explain", ExplainPosted)
            .WithSummary("Lists every check a token passes or fails (Development only).");
        dev.MapGet("/explain", ExplainBearer)
            .WithSummary("Explains the token in the Authorization header, Bearer or DPoP with its DPoP proof header (Development only).");
        return app;
    }

    internal static Ok<DiscoveryDocument> GetDiscoveryDocument(IOptions<DevIssuerOptions> options) =>
        TypedResults.Ok(new DiscoveryDocument(options.Value.Issuer, options.Value.Issuer + ".well-known/jwks.json"));

    internal static Ok<JsonWebKeySetDocument> GetJwks(DevSigningKeys keys) =>
        TypedResults.Ok(new JsonWebKeySetDocument(keys.Keys.Select(PublicJwk.From).ToArray()));

    internal static async Task<Ok<TokenExplanation>> ExplainPosted(HttpRequest request, TokenExplainer explainer)
    {
        using var reader = new StreamReader(request.Body);
        var body = (await reader.ReadToEndAsync()).Trim();
        return TypedResults.Ok(await explainer.ExplainAsync(AuthorizationHeader.TokenFrom(body) is { Length: > 0 } token ? token : body, Proof(request)));
    }

    internal static async Task<Ok<TokenExplanation>> ExplainBearer(HttpRequest request, TokenExplainer explainer) =>
        TypedResults.Ok(await explainer.ExplainAsync(AuthorizationHeader.TokenFrom(request.Headers.Authorization.ToString()), Proof(request)));

    private static string? Proof(HttpRequest request) =>
        request.Headers[DpopProofValidator.HeaderName] is { Count: > 0 } proof ? proof.ToString() : null;

    internal sealed record DiscoveryDocument(
        [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
        [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri)
    {
        [System.Text.Json.Serialization.JsonPropertyName("id_token_signing_alg_values_supported")]
        public string[] SigningAlgorithms { get; } = [SecurityAlgorithms.RsaSha256];
    }

    internal sealed record JsonWebKeySetDocument(IReadOnlyList<PublicJwk> Keys);

    internal sealed record PublicJwk(string Kty, string Use, string Alg, string Kid, string N, string E)
    {
        public static PublicJwk From(RsaSecurityKey key)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new("RSA", "sig", SecurityAlgorithms.RsaSha256, key.KeyId, Base64UrlEncoder.Encode(parameters.Modulus), Base64UrlEncoder.Encode(parameters.Exponent));
        }
    }
}

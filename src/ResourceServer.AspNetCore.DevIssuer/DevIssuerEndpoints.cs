using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Endpoints;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>The development issuer over HTTP: discovery and JWKS (which Auth fetches like any issuer's) and token
/// minting.</summary>
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
        return app;
    }

    internal static Ok<DiscoveryDocument> GetDiscoveryDocument(IOptions<DevIssuerOptions> options) =>
        TypedResults.Ok(new DiscoveryDocument(options.Value.Issuer, options.Value.Issuer + ".well-known/jwks.json"));

    internal static Ok<JsonWebKeySetDocument> GetJwks(DevSigningKeys keys) =>
        TypedResults.Ok(new JsonWebKeySetDocument(keys.Keys.Select(PublicJwk.From).ToArray()));

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

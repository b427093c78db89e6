using System.Text.Json.Serialization;

namespace ResourceServer.AspNetCore.ResourceMetadata;

/// <summary>RFC 9728 Protected Resource Metadata: tells a client which authorization server issues tokens for this API.</summary>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("dpop_signing_alg_values_supported")] IReadOnlyList<string> DpopSigningAlgValuesSupported,
    [property: JsonPropertyName("dpop_bound_access_tokens_required")] bool DpopBoundAccessTokensRequired,
    [property: JsonPropertyName("tls_client_certificate_bound_access_tokens")] bool TlsClientCertificateBoundAccessTokens)
{
    public const string Path = "/.well-known/oauth-protected-resource";
}

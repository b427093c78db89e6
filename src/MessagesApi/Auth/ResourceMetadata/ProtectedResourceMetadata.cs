using System.Text.Json.Serialization;

namespace MessagesApi.Auth;

/// <summary>RFC 9728 Protected Resource Metadata: tells a client which authorization server issues tokens for this API.</summary>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported)
{
    public const string Path = "/.well-known/oauth-protected-resource";
}

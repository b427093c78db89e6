using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.OpenApi;

/// <summary>Where Swagger UI's authorization-code flow sends the browser and exchanges the code: the endpoints the
/// issuer's discovery document names, so the flow works with Keycloak, Okta, Entra ID or Cognito as with Auth0.</summary>
internal sealed record AuthorizationCodeEndpoints(Uri Authorization, Uri Token)
{
    /// <summary>From the last discovery document accepted for <paramref name="issuer"/>, read now if none was yet (as a
    /// request for an unknown key would, throttled: anyone may ask for the document); null when it still cannot be read
    /// or names no absolute authorization and token endpoints.</summary>
    public static async Task<AuthorizationCodeEndpoints?> OfAsync(IssuerSigningKeys? issuer)
    {
        if (issuer is null)
            return null;
        if (issuer.Discovery is null)
            await issuer.RefreshOnDemandAsync();
        return issuer.Discovery is { } discovery
            && Uri.TryCreate(discovery.AuthorizationEndpoint, UriKind.Absolute, out var authorization)
            && Uri.TryCreate(discovery.TokenEndpoint, UriKind.Absolute, out var token)
                ? new AuthorizationCodeEndpoints(authorization, token)
                : null;
    }
}

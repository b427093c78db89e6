namespace MessagesApi.OpenApi;

/// <summary>How Swagger UI's authorization request names this API to the issuer, so the token it gets is one for this
/// API (its audience is AUTH0_AUDIENCE).</summary>
internal enum AudienceParameter
{
    /// <summary><see cref="Audience"/> for an issuer on auth0.com, <see cref="None"/> for any other.</summary>
    Auto,

    /// <summary>Auth0's <c>audience</c> parameter: without it Auth0 issues a token for its own userinfo endpoint only.</summary>
    Audience,

    /// <summary>RFC 8707's <c>resource</c> parameter, for issuers that implement resource indicators.</summary>
    Resource,

    /// <summary>No parameter: the issuer decides the audience (Keycloak's audience mapper, Okta's authorization server,
    /// Entra ID's and Cognito's scopes), and some refuse parameters they do not know.</summary>
    None,
}

internal static class AudienceParameters
{
    private const string Auth0Hosts = ".auth0.com";

    /// <summary>The query parameter to add to the authorization request for <paramref name="issuer"/>, or null for none.</summary>
    public static KeyValuePair<string, string>? For(AudienceParameter setting, string? issuer, string? audience)
    {
        var chosen = setting == AudienceParameter.Auto ? Detected(issuer) : setting;
        return audience is null ? null : chosen switch
        {
            AudienceParameter.Audience => new("audience", audience),
            AudienceParameter.Resource => new("resource", audience),
            _ => null,
        };
    }

    // A custom domain hides that the issuer is Auth0: Swagger:OAuthAudienceParameter=Audience says so.
    private static AudienceParameter Detected(string? issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Host.EndsWith(Auth0Hosts, StringComparison.OrdinalIgnoreCase)
            ? AudienceParameter.Audience
            : AudienceParameter.None;
}

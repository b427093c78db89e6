using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>The <c>typ</c> headers an access token may carry: none (Okta, Cognito), JWT (Auth0, Keycloak, Entra ID) or
/// RFC 9068's at+jwt, each also with the <c>application/</c> prefix RFC 7515 §4.1.9 lets issuers omit, compared
/// case-insensitively as media types are. Types naming other kinds of JWT (dpop+jwt, logout+jwt, secevent+jwt…) are
/// refused. With <see cref="Auth0Options.RequireAccessTokenType"/> only the RFC 9068 forms pass.</summary>
internal static class AccessTokenTypes
{
    private const string AccessToken = "at+jwt";
    private const string Jwt = "jwt";

    public static bool IsAccepted(JsonWebToken jwt, bool requireAccessTokenType) => MediaType(jwt) switch
    {
        AccessToken => true,
        Jwt or null => !requireAccessTokenType,
        _ => false,
    };

    /// <summary>What <see cref="IsAccepted"/> accepts, for people.</summary>
    public static string Describe(bool requireAccessTokenType) =>
        requireAccessTokenType ? "at+jwt (or application/at+jwt)" : "none, JWT or at+jwt (with or without application/)";

    /// <summary>The typ header as found, for people.</summary>
    public static string Found(JsonWebToken jwt) => Typ(jwt) ?? "none";

    /// <summary>The lower-case media type without <c>application/</c>; null when there is no typ.</summary>
    private static string? MediaType(JsonWebToken jwt)
    {
        const string prefix = "application/";
        return Typ(jwt) is { } typ ? (typ.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? typ[prefix.Length..] : typ).ToLowerInvariant() : null;
    }

    // JsonWebToken refuses a typ that is not a string when it parses the header.
    private static string? Typ(JsonWebToken jwt) => jwt.TryGetHeaderValue<string>(JwtHeaderParameterNames.Typ, out var typ) ? typ : null;
}

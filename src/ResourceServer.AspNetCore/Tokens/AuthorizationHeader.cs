namespace ResourceServer.AspNetCore.Tokens;

/// <summary>The access token in an <c>Authorization</c> value, under the <c>Bearer</c> scheme (RFC 6750) or the
/// <c>DPoP</c> scheme (RFC 9449); schemes case-insensitive.</summary>
internal static class AuthorizationHeader
{
    public const string Bearer = "Bearer";
    public const string Dpop = "DPoP";

    /// <summary>The token, or "" when the value carries none under either scheme.</summary>
    public static string TokenFrom(string authorization) =>
        IsScheme(authorization, Bearer) || IsScheme(authorization, Dpop) ? authorization[(authorization.IndexOf(' ') + 1)..].Trim() : "";

    public static bool IsScheme(string authorization, string scheme) =>
        authorization.Length > scheme.Length && authorization[scheme.Length] == ' ' && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);
}

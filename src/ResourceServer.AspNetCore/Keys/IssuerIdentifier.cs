namespace ResourceServer.AspNetCore.Keys;

/// <summary>When two issuer URLs name the same issuer.</summary>
internal static class IssuerIdentifier
{
    /// <summary>Exactly equal, or both http(s) URLs with an empty path that differ only by the trailing slash, which
    /// RFC 3986 §6.2.3 makes the same URI (<c>https://tenant.auth0.com</c> is <c>https://tenant.auth0.com/</c>). A path
    /// is compared exactly: <c>https://kc/realms/demo/</c> is another issuer than <c>https://kc/realms/demo</c>.</summary>
    public static bool Same(string? a, string? b) => a == b || (a is not null && b is not null && Comparable(a) == Comparable(b));

    /// <summary>The form in which issuers are compared: the URL without its trailing slash when nothing but the slash
    /// follows its authority, otherwise exactly as given.</summary>
    public static string Comparable(string issuer)
    {
        var bare = issuer.EndsWith('/') ? issuer[..^1] : issuer;
        var authority = bare.StartsWith("https://", StringComparison.Ordinal) ? "https://".Length
            : bare.StartsWith("http://", StringComparison.Ordinal) ? "http://".Length
            : -1;
        return authority > 0 && authority < bare.Length && bare.IndexOfAny(['/', '?', '#'], authority) < 0 ? bare : issuer;
    }
}

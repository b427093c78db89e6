namespace MessagesApi.Auth;

internal static class BearerHeader
{
    private const string Scheme = "Bearer ";

    /// <summary>The token in an <c>Authorization: Bearer</c> value (scheme case-insensitive), or "" when there is none.</summary>
    public static string TokenFrom(string authorization) =>
        authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : "";
}

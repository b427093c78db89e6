using System.Net;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>The explainer's hint for an untrusted issuer that is a trusted one on another port: most often this API's own
/// development issuer, whose URL follows PORT, named by a token minted for another PORT.</summary>
internal static class IssuerOnAnotherPort
{
    /// <summary>": it is … on another port" and, for this API's own issuer, the PORT to use; "" when no trusted issuer
    /// differs from <paramref name="issuer"/> only in its port.</summary>
    public static string Hint(string issuer, IReadOnlyList<string> trusted, int? port)
    {
        if (trusted.FirstOrDefault(candidate => OnlyPortDiffers(issuer, candidate)) is not { } sameButPort)
            return "";
        return Uri.TryCreate(sameButPort, UriKind.Absolute, out var uri) && IsThisMachine(uri) && uri.Port == port
            ? $": it is this API's own issuer {sameButPort} on another port. This API runs on PORT={port}: get tokens from its /dev/token, or run the token command with PORT={port}"
            : $": it differs from the trusted issuer {sameButPort} only in its port";
    }

    private static bool OnlyPortDiffers(string issuer, string trusted) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var found) && Uri.TryCreate(trusted, UriKind.Absolute, out var expected)
        && found.Port != expected.Port
        && string.Equals(found.Scheme, expected.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(found.Host, expected.Host, StringComparison.OrdinalIgnoreCase)
        && found.PathAndQuery == expected.PathAndQuery;

    private static bool IsThisMachine(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}

using ResourceServer.AspNetCore.Clients;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The URL a proof's <c>htu</c> must name (RFC 9449 §4.3): the request's URL without query and fragment, never
/// built from a header the client chose. Its base is PUBLIC_URL (path included; in Development it defaults to
/// http://localhost:{PORT}) when set, otherwise the scheme and Host a trusted proxy sent. Without either there is none,
/// and DPoP requests are refused until PUBLIC_URL is set.</summary>
internal static class DpopTargetUri
{
    private const UriComponents Compared = UriComponents.Scheme | UriComponents.Host | UriComponents.Port | UriComponents.Path;

    /// <summary>Null when nothing trustworthy says which URL the client called, or the Host it sent makes no URL.</summary>
    public static Uri? Of(HttpRequest request, string? publicUrl)
    {
        var path = (request.PathBase + request.Path).ToUriComponent();
        var url = publicUrl is not null ? publicUrl + path
            : TrustedProxyPeer.CameThrough(request.HttpContext) ? $"{request.Scheme}://{request.Host.ToUriComponent()}{path}"
            : null;
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var target) ? target : null;
    }

    /// <summary>Compared after RFC 3986 §6.2.2 and §6.2.3 normalisation: scheme and host case, default ports, dot
    /// segments, percent-encoding of unreserved characters, an empty path as "/". User info is refused: no request to
    /// this API carries any.</summary>
    public static bool Matches(string htu, Uri target) =>
        Uri.TryCreate(htu, UriKind.Absolute, out var claimed)
        && claimed.Scheme is "http" or "https"
        && !HasUserInfo(htu)
        && string.Equals(claimed.GetComponents(Compared, UriFormat.UriEscaped), target.GetComponents(Compared, UriFormat.UriEscaped), StringComparison.Ordinal);

    private static bool HasUserInfo(string htu)
    {
        var authority = htu.AsSpan(htu.IndexOf("://", StringComparison.Ordinal) + 3);
        var end = authority.IndexOfAny('/', '?', '#');
        return (end < 0 ? authority : authority[..end]).Contains('@');
    }
}

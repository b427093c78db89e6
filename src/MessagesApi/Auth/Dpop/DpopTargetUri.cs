namespace MessagesApi.Auth;

/// <summary>The URL a proof's <c>htu</c> must name (RFC 9449 §4.3): the request's URL without query and fragment. Its
/// scheme, host and port come from PUBLIC_URL when set (a Host header is the client's to choose, so it could name the
/// server a stolen proof was made for), otherwise from the request as trusted proxies forwarded it.</summary>
internal static class DpopTargetUri
{
    private const UriComponents Compared = UriComponents.Scheme | UriComponents.Host | UriComponents.Port | UriComponents.Path;

    public static Uri Of(HttpRequest request, Uri? publicUrl)
    {
        var origin = publicUrl is null ? $"{request.Scheme}://{request.Host}" : publicUrl.GetLeftPart(UriPartial.Authority);
        return new Uri(origin + request.PathBase + request.Path);
    }

    /// <summary>Compared after RFC 3986 §6.2.2 and §6.2.3 normalisation: scheme and host case, default ports, dot
    /// segments, percent-encoding of unreserved characters, an empty path as "/".</summary>
    public static bool Matches(string htu, Uri target) =>
        Uri.TryCreate(htu, UriKind.Absolute, out var claimed)
        && claimed.Scheme is "http" or "https"
        && string.Equals(claimed.GetComponents(Compared, UriFormat.UriEscaped), target.GetComponents(Compared, UriFormat.UriEscaped), StringComparison.Ordinal);
}

using System.Globalization;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>The port Kestrel listens on as ASP.NET Core's own settings name it, for an app that does not say.</summary>
internal static class ConfiguredPort
{
    public const int KestrelDefault = 5000;

    /// <summary>The port of the first http URL in <c>urls</c>, else the first of <c>http_ports</c>, else 5000.</summary>
    public static int Of(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && PortOf(url) is { } port)
                return port;
        var first = (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.TrimEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var httpPort) ? httpPort : KestrelDefault;
    }

    // Not Uri: a wildcard host (http://*:5000, http://+:5000) is not one.
    private static int? PortOf(string url)
    {
        var authority = url["http://".Length..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port
            : colon < 0 || authority.EndsWith(']') ? 80 : null;
    }
}

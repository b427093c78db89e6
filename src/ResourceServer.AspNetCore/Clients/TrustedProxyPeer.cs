using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Clients;

/// <summary>Whether a request reached the API from one of the trusted proxies, noted before the forwarded headers rewrite
/// the client's address: only then are its scheme and Host the proxy's word rather than the client's.</summary>
internal static class TrustedProxyPeer
{
    private static readonly object Marker = new();

    public static bool CameThrough(HttpContext context) => context.Items.ContainsKey(Marker);

    /// <summary>Marks each request whose connection comes from an address the forwarded-headers rules trust.</summary>
    public static IApplicationBuilder UseTrustedProxyPeerMarker(this IApplicationBuilder app)
    {
        var forwarded = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>();
        return app.Use((context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } peer && IsTrusted(forwarded.Value, peer))
                context.Items[Marker] = true;
            return next(context);
        });
    }

    private static bool IsTrusted(ForwardedHeadersOptions options, IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return options.KnownProxies.Contains(address) || options.KnownProxies.Contains(peer)
            || options.KnownIPNetworks.Any(network => network.Contains(address) || network.Contains(peer));
    }
}

using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Clients;

internal static class TrustedProxySetup
{
    /// <summary>The framework's forwarded-headers rules, fed only the proxies in <see cref="TrustedProxyOptions"/>: its
    /// defaults would trust loopback, and a client on this machine could then claim any address.</summary>
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.BindOnce<TrustedProxyOptions, TrustedProxyOptionsValidator>(() => TrustedProxyOptions.From(builder.Configuration));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            // Walk back through every trusted proxy to the first address that is not one: that is the client.
            forwarded.ForwardLimit = null;
            // The validator has refused anything that does not parse.
            foreach (var network in trusted.Value.KnownNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            foreach (var proxy in trusted.Value.KnownProxies)
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        builder.Services.AddTransient<IStartupFilter, TrustedProxiesFirst>();
        return builder;
    }

    /// <summary>Rewrites the request's client address, scheme and host from a trusted proxy's headers before anything in
    /// the app's pipeline reads them. Without trusted proxies the middleware is not added at all. The pipeline is built
    /// when the app starts, after the options were validated.</summary>
    private sealed class TrustedProxiesFirst(IOptions<TrustedProxyOptions> trusted) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (trusted.Value.Enabled)
                app.UseTrustedProxyPeerMarker().UseForwardedHeaders();
            next(app);
        };
    }
}

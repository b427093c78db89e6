using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;
using ResourceServer.AspNetCore;

namespace MessagesApi.Web;

internal static class KestrelSetup
{
    /// <summary>Listens on PORT (6060 by default) alone, ASP.NET Core's own address settings refused (see
    /// <see cref="HostingOptions.Urls"/>), sends no Server header, and applies the limits in Kestrel:Limits (see
    /// <see cref="KestrelLimitsOptions"/>).</summary>
    public static WebApplicationBuilder ListenOnConfiguredPort(this WebApplicationBuilder builder)
    {
        var hosting = HostingOptions.Of(builder);
        var limits = KestrelLimitsOptions.Of(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton(new LocalPort(hosting.ListenPort));
        builder.Services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
        {
            kestrel.AddServerHeader = false;
            limits.ValidOrDefaults().ApplyTo(kestrel.Limits);
            // Kestrel answers a non-ASCII header with a bare 400 before the pipeline runs; decoded, a garbled
            // Authorization value gets the contract's 401 "Bad credentials" instead.
            kestrel.RequestHeaderEncodingSelector = header =>
                string.Equals(header, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1 : null;
            // In Development anyone who can reach the port can mint tokens, so only this machine may.
            if (development)
                kestrel.ListenLocalhost(hosting.ListenPort);
            else
                kestrel.ListenAnyIP(hosting.ListenPort);
        });
        return builder;
    }
}

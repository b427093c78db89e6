using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal static class KestrelSetup
{
    /// <summary>Listens on PORT (6060 by default) whatever ASPNETCORE_URLS says, and sends no Server header.</summary>
    public static WebApplicationBuilder ListenOnConfiguredPort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HostingOptions>>((kestrel, hosting) =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel answers a non-ASCII header with a bare 400 before the pipeline runs; decoded, a garbled
            // Authorization value gets the contract's 401 "Bad credentials" instead.
            kestrel.RequestHeaderEncodingSelector = header =>
                string.Equals(header, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1 : null;
            // In Development anyone who can reach the port can mint tokens, so only this machine may.
            if (development)
                kestrel.ListenLocalhost(hosting.Value.Port);
            else
                kestrel.ListenAnyIP(hosting.Value.Port);
        });
        return builder;
    }
}

using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore;

namespace MessagesApi.Web;

internal static class KestrelSetup
{
    /// <summary>Listens on PORT (6060 by default) alone, ASP.NET Core's own address settings refused (see
    /// <see cref="HostingOptions.Urls"/>), sends no Server header, and applies the limits in Kestrel:Limits (see
    /// <see cref="KestrelLimitsOptions"/>).</summary>
    public static WebApplicationBuilder ListenOnConfiguredPort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
        builder.Services.AddOptions<KestrelLimitsOptions>().Bind(builder.Configuration.GetSection(KestrelLimitsOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KestrelLimitsOptions>, KestrelLimitsOptionsValidator>();
        var development = builder.Environment.IsDevelopment();
        // Kestrel's options are built with the app, before RunOrExplain validates HostingOptions and the limits; reading
        // them here would throw the validation failure as a stack trace.
        var port = HostingOptions.PortFrom(builder.Configuration);
        var limits = KestrelLimitsOptions.From(builder.Configuration);
        builder.Services.AddSingleton(new LocalPort(port));
        builder.Services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
        {
            kestrel.AddServerHeader = false;
            limits.ApplyTo(kestrel.Limits);
            // Kestrel answers a non-ASCII header with a bare 400 before the pipeline runs; decoded, a garbled
            // Authorization value gets the contract's 401 "Bad credentials" instead.
            kestrel.RequestHeaderEncodingSelector = header =>
                string.Equals(header, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1 : null;
            // In Development anyone who can reach the port can mint tokens, so only this machine may.
            if (development)
                kestrel.ListenLocalhost(port);
            else
                kestrel.ListenAnyIP(port);
        });
        return builder;
    }
}

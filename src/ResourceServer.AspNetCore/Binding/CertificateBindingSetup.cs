using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Explainer;

namespace ResourceServer.AspNetCore.Binding;

internal static class CertificateBindingSetup
{
    /// <summary>Certificate-bound tokens (<c>Auth0:CertificateBinding</c>). Once enabled, Kestrel's HTTPS endpoints ask
    /// clients for a certificate without requiring one, and take any, self-signed ones included (RFC 8705 §2.2): a
    /// certificate proves nothing here but that the client holds the key the token is bound to, which the TLS handshake
    /// checks. An endpoint's own <c>ClientCertificateMode</c> setting still wins.</summary>
    public static IServiceCollection AddCertificateBinding(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.BindOnce<CertificateBindingOptions, CertificateBindingOptionsValidator>(() =>
            configuration.GetSection(CertificateBindingOptions.Section).Get<CertificateBindingOptions>() ?? new CertificateBindingOptions());
        services.AddSingleton<ClientCertificate>();
        services.AddSingleton<CertificateBinding>();
        services.AddSingleton<TokenBinding>();
        services.AddSingleton<CertificateExplainer>();
        if (options.Enabled)
            services.AddOptions<KestrelServerOptions>().Configure(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        return services;
    }
}

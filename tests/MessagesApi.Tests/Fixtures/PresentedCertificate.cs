using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MessagesApi.Tests.Fixtures;

/// <summary>The test server has no TLS connection: a client's <see cref="Handler"/> names the certificate it presents, and
/// the app's <see cref="Filter"/> sets it as the connection's client certificate ahead of the whole pipeline, as Kestrel's
/// handshake would.</summary>
public static class PresentedCertificate
{
    private const string Header = "X-Test-Client-Certificate";

    /// <summary>A self-signed client certificate on a new P-256 key, as RFC 8705 §2.2 clients use.</summary>
    public static X509Certificate2 SelfSigned(string subject = "CN=client")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>RFC 8705 §3.1: what a token bound to <paramref name="certificate"/> names in <c>cnf["x5t#S256"]</c>.</summary>
    public static string Thumbprint(X509Certificate2 certificate) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(certificate.RawData));

    public static Dictionary<string, string> BoundTo(X509Certificate2 certificate) => new() { ["x5t#S256"] = Thumbprint(certificate) };

    /// <summary>A token of <paramref name="issuer"/> bound to <paramref name="certificate"/> (cnf x5t#S256).</summary>
    public static string BoundToken(TestIssuer issuer, X509Certificate2 certificate) => issuer.Token().With("cnf", BoundTo(certificate)).Build();

    /// <summary>nginx's <c>$ssl_client_escaped_cert</c>: the PEM, URL-encoded except its unreserved characters.</summary>
    public static string NginxEscaped(X509Certificate2 certificate) => Uri.EscapeDataString(certificate.ExportCertificatePem() + "\n");

    public static IServiceCollection SetClientCertificateFirst(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, Filter>());
        return services;
    }

    public sealed class Handler(X509Certificate2 certificate) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(Header, Convert.ToBase64String(certificate.RawData));
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var der))
                    context.Connection.ClientCertificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der.ToString()));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

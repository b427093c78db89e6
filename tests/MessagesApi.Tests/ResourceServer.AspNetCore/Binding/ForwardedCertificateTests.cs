using System.Security.Cryptography.X509Certificates;
using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Behind a TLS-terminating proxy, the client's certificate arrives in the header that
/// Auth0:CertificateBinding:ForwardedHeader names, believed only from a trusted proxy.</summary>
public sealed class ForwardedCertificateTests
{
    private const string Proxy = "10.0.0.5";
    private const string Protected = "/api/messages/protected";
    private readonly X509Certificate2 _certificate = PresentedCertificate.SelfSigned();

    [Fact]
    public async Task A_trusted_proxy_forwarding_the_bound_certificate_is_served()
    {
        using var api = BehindProxy();
        var client = api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: Proxy);
        client.DefaultRequestHeaders.Add("ssl-client-cert", PresentedCertificate.NginxEscaped(_certificate));

        var response = await client.GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_trusted_proxy_forwarding_another_certificate_is_refused()
    {
        using var api = BehindProxy();
        var client = api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: Proxy);
        client.DefaultRequestHeaders.Add("ssl-client-cert", PresentedCertificate.NginxEscaped(PresentedCertificate.SelfSigned()));

        var response = await client.GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to another client certificate than the one presented.");
    }

    [Fact]
    public async Task The_header_from_an_address_that_is_not_a_trusted_proxy_is_ignored()
    {
        using var api = BehindProxy();
        var client = api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: "198.51.100.7");
        client.DefaultRequestHeaders.Add("ssl-client-cert", PresentedCertificate.NginxEscaped(_certificate));

        var response = await client.GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS.");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_connections_own_certificate_is_the_proxys_and_does_not_count()
    {
        using var api = BehindProxy();

        var response = await api.ClientPresenting(_certificate, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: Proxy).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS.");
    }

    [Fact]
    public async Task Without_a_forwarded_header_setting_a_trusted_proxys_header_is_not_read()
    {
        using var api = new ApiFactory().WithCertificateBinding().WithSetting("ForwardedHeaders:KnownProxies", Proxy);
        var client = api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: Proxy);
        client.DefaultRequestHeaders.Add("ssl-client-cert", PresentedCertificate.NginxEscaped(_certificate));

        var response = await client.GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS.");
    }

    [Fact]
    public async Task A_certificate_header_sent_twice_is_no_certificate()
    {
        using var api = BehindProxy();
        var client = api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate), address: Proxy);
        client.DefaultRequestHeaders.Add("ssl-client-cert", [PresentedCertificate.NginxEscaped(_certificate), PresentedCertificate.NginxEscaped(_certificate)]);

        var response = await client.GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS.");
    }

    private static ApiFactory BehindProxy() => new ApiFactory().WithCertificateBinding()
        .WithSetting("ForwardedHeaders:KnownProxies", Proxy)
        .WithSetting("Auth0:CertificateBinding:ForwardedHeader", "ssl-client-cert");
}

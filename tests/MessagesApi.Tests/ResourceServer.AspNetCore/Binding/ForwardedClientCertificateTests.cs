using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MessagesApi.Tests.Fixtures;
using ResourceServer.AspNetCore.Binding;

namespace MessagesApi.Tests;

/// <summary>The forms in which proxies forward a client's certificate, each read to the thumbprint a bound token names.</summary>
public sealed class ForwardedClientCertificateTests
{
    private static readonly X509Certificate2 Certificate = PresentedCertificate.SelfSigned();
    private static readonly string Expected = PresentedCertificate.Thumbprint(Certificate);

    [Fact]
    public void Nginx_escaped_pem_is_read() =>
        ForwardedClientCertificate.Thumbprint(PresentedCertificate.NginxEscaped(Certificate)).Should().Be(Expected);

    [Fact]
    public void Fully_url_encoded_pem_is_read() =>
        ForwardedClientCertificate.Thumbprint(System.Net.WebUtility.UrlEncode(Certificate.ExportCertificatePem()).Replace("+", "%20")).Should().Be(Expected);

    [Fact]
    public void Base64_der_as_haproxy_and_azure_send_it_is_read() =>
        ForwardedClientCertificate.Thumbprint(Convert.ToBase64String(Certificate.RawData)).Should().Be(Expected);

    [Fact]
    public void Envoys_hash_is_read() =>
        ForwardedClientCertificate.Thumbprint($"By=spiffe://cluster.local/ns/api;Hash={Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData))};Subject=\"CN=client,O=a;b\";URI=")
            .Should().Be(Expected);

    [Fact]
    public void Envoys_cert_is_read_when_it_sends_no_hash() =>
        ForwardedClientCertificate.Thumbprint($"Subject=\"CN=client\";Cert=\"{Uri.EscapeDataString(Certificate.ExportCertificatePem())}\"").Should().Be(Expected);

    [Fact]
    public void An_envoy_header_of_several_elements_is_not_read_since_the_first_may_be_one_the_client_wrote()
    {
        var proxys = PresentedCertificate.SelfSigned();

        var thumbprint = ForwardedClientCertificate.Thumbprint(
            $"Hash={Convert.ToHexString(SHA256.HashData(Certificate.RawData))},Hash={Convert.ToHexString(SHA256.HashData(proxys.RawData))}");

        thumbprint.Should().BeNull();
    }

    [Fact]
    public void Envoys_escaped_quotes_inside_a_quoted_value_are_read_through() =>
        ForwardedClientCertificate.Thumbprint($"Subject=\"CN=\\\"quoted\\\";x,O=b\";Hash={Convert.ToHexString(SHA256.HashData(Certificate.RawData))}")
            .Should().Be(Expected);

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("bm90IGEgY2VydGlmaWNhdGU=")]
    [InlineData("Hash=abcd")]
    [InlineData("Hash=not-hex-at-all-not-hex-at-all-not-hex-at-all-not-hex-at-all-1")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")]
    [InlineData("Cert=\"unterminated")]
    public void A_value_holding_no_certificate_has_no_thumbprint(string value) =>
        ForwardedClientCertificate.Thumbprint(value).Should().BeNull();
}

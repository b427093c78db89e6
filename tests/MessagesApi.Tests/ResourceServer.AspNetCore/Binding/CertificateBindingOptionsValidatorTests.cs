using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>A forwarded-certificate header is refused at start wherever it would never be read, or could be any client's.</summary>
public sealed class CertificateBindingOptionsValidatorTests
{
    [Fact]
    public void A_forwarded_header_without_a_trusted_proxy_stops_the_api()
    {
        using var api = new ApiFactory().WithCertificateBinding().WithSetting("Auth0:CertificateBinding:ForwardedHeader", "ssl-client-cert");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith(
            "Auth0:CertificateBinding:ForwardedHeader is set but no proxy is trusted, so it would never be read: list the proxy in ForwardedHeaders:KnownProxies or KnownNetworks");
    }

    [Fact]
    public void A_forwarded_header_with_certificate_binding_off_stops_the_api()
    {
        using var api = new ApiFactory().WithSetting("ForwardedHeaders:KnownProxies", "10.0.0.5").WithSetting("Auth0:CertificateBinding:ForwardedHeader", "ssl-client-cert");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith(
            "Auth0:CertificateBinding:ForwardedHeader is set but Auth0:CertificateBinding:Enabled is not");
    }

    [Fact]
    public void A_forwarded_header_that_is_no_header_name_stops_the_api()
    {
        using var api = new ApiFactory().WithCertificateBinding().WithSetting("ForwardedHeaders:KnownProxies", "10.0.0.5")
            .WithSetting("Auth0:CertificateBinding:ForwardedHeader", "ssl client cert");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith(
            "Auth0:CertificateBinding:ForwardedHeader is 'ssl client cert', which is not a header name, e.g. ssl-client-cert.");
    }

    [Fact]
    public void Certificate_binding_with_dpop_required_stops_the_api()
    {
        using var api = new ApiFactory().WithCertificateBinding().WithSetting("Auth0:Dpop:Mode", "Required");

        api.StartupFailures().Should().ContainSingle().Which.Should().StartWith(
            "Auth0:CertificateBinding:Enabled is set while Auth0:Dpop:Mode is Required");
    }
}

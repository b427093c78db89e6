using System.Security.Cryptography.X509Certificates;
using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>RFC 8705 §3: with Auth0:CertificateBinding:Enabled, a token bound to a certificate (cnf x5t#S256) is accepted
/// only from a client presenting that certificate; unbound tokens are served as before.</summary>
public sealed class CertificateBindingTests
{
    private const string Protected = "/api/messages/protected";
    private readonly X509Certificate2 _certificate = PresentedCertificate.SelfSigned();

    [Fact]
    public async Task A_token_bound_to_the_presented_certificate_is_accepted()
    {
        using var api = new ApiFactory().WithCertificateBinding();

        var response = await api.ClientPresenting(_certificate, PresentedCertificate.BoundToken(api.Issuer, _certificate)).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_bound_to_another_certificate_is_refused()
    {
        using var api = new ApiFactory().WithCertificateBinding();

        var response = await api.ClientPresenting(PresentedCertificate.SelfSigned(), PresentedCertificate.BoundToken(api.Issuer, _certificate)).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to another client certificate than the one presented.");
        api.OnlyRejectionReason().Should().Be("certificate_mismatch");
    }

    [Fact]
    public async Task A_bound_token_without_a_certificate_is_refused_as_invalid_token()
    {
        using var api = new ApiFactory().WithCertificateBinding();

        var response = await api.ClientPresenting(certificate: null, PresentedCertificate.BoundToken(api.Issuer, _certificate)).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS.");
        api.OnlyRejectionReason().Should().Be("certificate_missing");
    }

    [Fact]
    public async Task A_cached_bound_token_is_checked_against_the_certificate_of_each_request()
    {
        using var api = new ApiFactory().WithCertificateBinding();
        var token = PresentedCertificate.BoundToken(api.Issuer, _certificate);
        (await api.ClientPresenting(_certificate, token).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await api.ClientPresenting(PresentedCertificate.SelfSigned(), token).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to another client certificate than the one presented.");
    }

    [Fact]
    public async Task Until_enabled_a_bound_token_is_refused_even_with_its_certificate()
    {
        using var api = new ApiFactory();

        var response = await api.ClientPresenting(_certificate, PresentedCertificate.BoundToken(api.Issuer, _certificate)).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a client certificate (cnf x5t#S256), and certificate-bound tokens are not accepted here.");
        api.OnlyRejectionReason().Should().Be("certificate_binding_disabled");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unbound_token_is_accepted_with_or_without_a_certificate(bool presentsOne)
    {
        using var api = new ApiFactory().WithCertificateBinding();

        var response = await api.ClientPresenting(presentsOne ? _certificate : null, api.Issuer.Token().Build()).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_bound_both_to_a_dpop_key_and_a_certificate_is_refused()
    {
        using var api = new ApiFactory().WithCertificateBinding();
        var cnf = PresentedCertificate.BoundTo(_certificate);
        cnf["jkt"] = new DpopKey().Thumbprint;

        var response = await api.ClientPresenting(_certificate, api.Issuer.Token().With("cnf", cnf).Build()).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound both to a DPoP key and to a client certificate (cnf); one binding is accepted.");
        api.OnlyRejectionReason().Should().Be("bound_twice");
    }

    [Fact]
    public async Task A_certificate_bound_token_sent_under_the_dpop_scheme_is_not_bound_to_a_dpop_key()
    {
        using var api = new ApiFactory().WithCertificateBinding().ServingDpop();
        var token = PresentedCertificate.BoundToken(api.Issuer, _certificate);
        var client = api.ClientPresenting(_certificate, token);
        client.DefaultRequestHeaders.Authorization = new("DPoP", token);
        client.DefaultRequestHeaders.Add("DPoP", new DpopKey().ProofFor("GET", $"{ApiFactory.LocalPublicUrl}{Protected}", token).Build());

        await client.GetAsync(Protected);

        api.OnlyRejectionReason().Should().Be("dpop_unbound_token");
    }

    [Fact]
    public async Task A_cnf_naming_neither_a_dpop_key_nor_a_certificate_is_refused()
    {
        using var api = new ApiFactory().WithCertificateBinding();
        var token = api.Issuer.Token().With("cnf", new Dictionary<string, string> { ["jwk"] = "a key this API cannot check" }).Build();

        var response = await api.ClientPresenting(_certificate, token).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a key this API cannot check (cnf).");
        api.OnlyRejectionReason().Should().Be("unsupported_binding");
    }

    [Fact]
    public async Task A_cnf_whose_dpop_key_is_no_thumbprint_is_refused_even_beside_a_certificate_that_matches()
    {
        using var api = new ApiFactory().WithCertificateBinding();
        var cnf = new Dictionary<string, object> { ["x5t#S256"] = PresentedCertificate.Thumbprint(_certificate), ["jkt"] = 123 };

        var response = await api.ClientPresenting(_certificate, api.Issuer.Token().With("cnf", cnf).Build()).GetAsync(Protected);

        response.Should().BeRejectedWith("The token is bound to a key this API cannot check (cnf).");
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

/// <summary>Why the signing-key policy refuses a JWK, in the words the warning logs.</summary>
public sealed class SigningKeyPolicyRefusalTests
{
    [Fact]
    public void A_symmetric_key_is_refused_as_a_key_type_not_supported() =>
        Refusal(new JsonWebKey { Kty = "oct", K = "c2VjcmV0" }, "RS256")
            .Should().Be("its key type 'oct' is not supported (only RSA and EC)");

    [Fact]
    public void A_key_whose_alg_does_not_fit_it_is_refused_naming_what_it_could_verify()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ec));
        jwk.Alg = "RS256";

        Refusal(jwk, "RS256", "ES256").Should().Be("its alg 'RS256' does not fit the key (it could verify ES256)");
    }

    [Fact]
    public void A_key_that_verifies_only_algorithms_not_allowed_is_refused_naming_both_lists() =>
        Refusal(Rsa(2048), "ES256", "ES384").Should().Be(
            "it can only verify RS256, RS384, RS512, PS256, PS384, PS512, and Auth0:Algorithms allows ES256, ES384");

    [Fact]
    public void An_rsa_key_with_neither_modulus_nor_certificate_is_refused_as_unreadable() =>
        Refusal(new JsonWebKey { Kty = "RSA", E = "AQAB" }, "RS256").Should().Be("it could not be read as a public key");

    [Fact]
    public void An_rsa_key_whose_certificate_holds_a_weaker_key_than_its_modulus_is_refused()
    {
        var jwk = Rsa(2048);
        using var weak = RSA.Create(1024);
        using var certificate = new CertificateRequest("CN=weak", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        jwk.X5c.Add(Convert.ToBase64String(certificate.Export(X509ContentType.Cert)));

        Refusal(jwk, "RS256").Should().Be("it is a 1024-bit RSA key; at least 2048 bits are required");
    }

    private static JsonWebKey Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
    }

    private static string? Refusal(JsonWebKey jwk, params string[] allowedAlgorithms)
    {
        new SigningKeyPolicy(allowedAlgorithms).TryAdmit(jwk, out _, out var refusal);
        return refusal;
    }
}

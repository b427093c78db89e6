using System.Net;
using System.Security.Cryptography;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace MessagesApi.Tests;

/// <summary>Which keys of an issuer's JWKS may verify which tokens: RSA of at least 2048 bits and EC on P-256, P-384 or
/// P-521, meant for signatures, each only for the algorithm its JWK or its curve names. Keys that can never be used are
/// dropped when the key set is loaded, each logged once.</summary>
public sealed class SigningKeyPolicyTests
{
    private const string UnknownKey = "The token is signed with an unknown key (kid).";

    [Fact]
    public async Task A_512_bit_rsa_key_does_not_verify_tokens()
    {
        using var api = new ApiFactory();
        var weak = new SigningKey(keySize: 512);
        api.Issuer.Publish(weak);

        var response = await Protected(api, api.Issuer.Token().SignedWith(weak).Build());

        response.Should().BeRejectedWith(UnknownKey);
    }

    [Fact]
    public async Task A_1024_bit_rsa_key_does_not_verify_tokens()
    {
        using var api = new ApiFactory();
        var weak = new SigningKey(keySize: 1024);
        api.Issuer.Publish(weak);

        var response = await Protected(api, api.Issuer.Token().SignedWith(weak).Build());

        response.Should().BeRejectedWith(UnknownKey);
    }

    [Fact]
    public async Task A_dropped_key_is_logged_once_with_issuer_kid_and_reason_however_often_the_keys_are_loaded()
    {
        using var api = new ApiFactory().WithFakeClock();
        var weak = new SigningKey(keySize: 512);
        api.Issuer.Publish(weak);
        await api.KeysLoadedAsync();

        await Protected(api, api.Issuer.Token().SignedWith(weak).Build());
        await api.RunScheduledKeyRefreshAsync();

        api.Issuer.JwksRequests.Should().BeGreaterThanOrEqualTo(3);
        api.Logs.Entries.Where(e => e.Message.Contains(weak.KeyId) && e.Message.Contains("is not used")).Should().ContainSingle()
            .Which.Should().Match<(LogLevel Level, string Category, string Message, Exception? Exception)>(e =>
                e.Level == LogLevel.Warning && e.Message.Contains(api.Issuer.Issuer) && e.Message.Contains("512-bit RSA key"));
    }

    [Fact]
    public async Task A_key_marked_for_encryption_is_not_used_and_is_logged()
    {
        using var api = new ApiFactory();
        var encryption = new SigningKey { Use = "enc", Alg = "RSA-OAEP" };
        api.Issuer.Publish(encryption);

        var response = await Protected(api, api.Issuer.Token().SignedWith(encryption).Build());

        response.Should().BeRejectedWith(UnknownKey);
        DropWarnings(api, encryption.KeyId).Should().ContainSingle().Which.Should().Contain("use 'enc'");
    }

    [Fact]
    public async Task A_key_whose_alg_is_RS512_does_not_verify_an_RS256_token()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "RS256").WithSetting("Auth0:Algorithms:1", "RS512");
        var rs512 = new SigningKey { Alg = "RS512" };
        api.Issuer.Publish(rs512);

        var response = await Protected(api, api.Issuer.Token().SignedWith(rs512).Build());

        response.Should().BeRejectedWith(UnknownKey);
    }

    [Fact]
    public async Task A_key_whose_alg_is_RS512_verifies_RS512_tokens_when_RS512_is_allowed()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "RS256").WithSetting("Auth0:Algorithms:1", "RS512");
        var rs512 = new SigningKey { Alg = "RS512" };
        api.Issuer.Publish(rs512);

        var response = await Protected(api, api.Issuer.Token().SignedWith(rs512).WithHeader("alg", "RS512").Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_whose_alg_is_not_allowed_is_dropped_and_logged()
    {
        using var api = new ApiFactory();
        var rs512 = new SigningKey { Alg = "RS512" };
        api.Issuer.Publish(rs512);

        await api.KeysLoadedAsync();

        DropWarnings(api, rs512.KeyId).Should().ContainSingle().Which.Should().Contain("RS512");
    }

    [Fact]
    public async Task A_P256_key_verifies_ES256_tokens_when_ES256_is_allowed()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "ES256");
        var ec = new EcSigningKey(ECCurve.NamedCurves.nistP256, "P-256");
        api.Issuer.PublishJwk(ec.PublicJwk());

        var response = await Protected(api, ec.Sign(api.Issuer.Token(), "ES256"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_P256_key_does_not_verify_an_ES384_token()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "ES256").WithSetting("Auth0:Algorithms:1", "ES384");
        var ec = new EcSigningKey(ECCurve.NamedCurves.nistP256, "P-256");
        api.Issuer.PublishJwk(ec.PublicJwk());

        var response = await Protected(api, ec.Sign(api.Issuer.Token(), "ES384"));

        response.Should().BeRejectedWith(UnknownKey);
    }

    [Fact]
    public async Task A_key_on_a_curve_not_allowed_is_not_used_and_is_logged()
    {
        // RS256 too, so the issuer keeps a usable key and the answer is about this one.
        using var api = new ApiFactory().WithSetting("Auth0:Algorithms:0", "RS256").WithSetting("Auth0:Algorithms:1", "ES256");
        var secp256k1 = new EcSigningKey(ECCurve.CreateFromFriendlyName("secp256k1"), "secp256k1");
        api.Issuer.PublishJwk(secp256k1.PublicJwk());

        var response = await Protected(api, secp256k1.Sign(api.Issuer.Token(), "ES256"));

        response.Should().BeRejectedWith(UnknownKey);
        DropWarnings(api, secp256k1.KeyId).Should().ContainSingle().Which.Should().Contain("secp256k1");
    }

    private static IEnumerable<string> DropWarnings(ApiFactory api, string keyId) =>
        api.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(keyId) && e.Message.Contains(api.Issuer.Issuer)).Select(e => e.Message);

    private static Task<HttpResponseMessage> Protected(ApiFactory api, string token) =>
        api.ClientWithToken(token).GetAsync("/api/messages/protected");
}

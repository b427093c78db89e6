using System.Security.Cryptography;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

public sealed class DpopProofKeysTests : IDisposable
{
    private readonly DpopProofKeys _keys = new(Options.Create(new DpopOptions { Algorithms = DpopOptions.DefaultAlgorithms }));

    [Fact]
    public void A_key_seen_before_is_not_built_again()
    {
        var jwk = JsonSerializer.Serialize(new DpopKey().PublicJwk());

        _keys.Find(jwk).Should().BeSameAs(_keys.Find(jwk));
    }

    [Fact]
    public void A_p256_key_fits_es256_only()
    {
        _keys.Find(JsonSerializer.Serialize(new DpopKey().PublicJwk()))!.Algorithms.Should().BeEquivalentTo("ES256");
    }

    [Fact]
    public void An_rsa_key_under_2048_bits_fits_no_algorithm()
    {
        var parameters = RSA.Create(1024).ExportParameters(false);
        var jwk = JsonSerializer.Serialize(new { kty = "RSA", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) });

        _keys.Find(jwk)!.Algorithms.Should().BeEmpty();
    }

    [Fact]
    public void An_rsa_key_of_2048_bits_fits_the_rsa_algorithms()
    {
        var parameters = RSA.Create(2048).ExportParameters(false);
        var jwk = JsonSerializer.Serialize(new { kty = "RSA", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) });

        _keys.Find(jwk)!.Algorithms.Should().BeEquivalentTo("PS256", "RS256");
    }

    [Fact]
    public void Text_that_is_not_a_jwk_is_no_key()
    {
        _keys.Find("not json").Should().BeNull();
    }

    [Fact]
    public void A_jwk_longer_than_a_kilobyte_is_built_each_time_not_kept()
    {
        var jwk = new DpopKey().PublicJwk();
        jwk["padding"] = new string('x', 1100);
        var text = JsonSerializer.Serialize(jwk);

        _keys.Find(text).Should().NotBeSameAs(_keys.Find(text));
    }

    [Fact]
    public void A_jwk_of_exactly_a_kilobyte_is_kept()
    {
        var jwk = new DpopKey().PublicJwk();
        jwk["padding"] = "";
        jwk["padding"] = new string('x', 1024 - JsonSerializer.Serialize(jwk).Length);
        var text = JsonSerializer.Serialize(jwk);

        _keys.Find(text).Should().BeSameAs(_keys.Find(text));
    }

    [Fact]
    public void Once_ten_thousand_keys_are_kept_another_is_built_each_time_not_kept()
    {
        var jwk = new DpopKey().PublicJwk();
        for (var i = 0; i < 10_000; i++)
        {
            jwk["client"] = i;
            _keys.Find(JsonSerializer.Serialize(jwk));
        }
        jwk["client"] = "one more";
        var text = JsonSerializer.Serialize(jwk);

        _keys.Find(text).Should().NotBeSameAs(_keys.Find(text));
    }

    public void Dispose() => _keys.Dispose();
}

using System.Text.Json;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>A proof key has a thumbprint only when every member RFC 7638 hashes for its key type is there as base64url
/// text: a key missing one, or with one that is empty, padded or not text, has none and its proof is refused.</summary>
public sealed class ThumbprintRequiredMembersTests
{
    private const string X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private const string Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    [Theory]
    [InlineData($$"""{"kty":"EC","crv":"P-256","x":"{{X}}"}""")]
    [InlineData($$"""{"kty":"EC","crv":"P-256","y":"{{Y}}"}""")]
    [InlineData($$"""{"kty":"EC","x":"{{X}}","y":"{{Y}}"}""")]
    [InlineData($$"""{"kty":"EC","crv":"P-256","x":"","y":"{{Y}}"}""")]
    [InlineData($$"""{"kty":"EC","crv":"P-256","x":"{{X}}","y":"{{Y}}="}""")]
    [InlineData($$"""{"kty":"EC","crv":"P-256","x":"{{X}}","y":"x/FE+Ru9"}""")]
    [InlineData($$"""{"kty":"EC","crv":5,"x":"{{X}}","y":"{{Y}}"}""")]
    [InlineData($$"""{"crv":"P-256","x":"{{X}}","y":"{{Y}}"}""")]
    [InlineData("""{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc"}""")]
    [InlineData("""{"kty":"RSA","e":"AQAB"}""")]
    [InlineData("""{"kty":"RSA","n":"0vx7agoebGcQ","e":"AQ AB"}""")]
    public void A_key_missing_a_required_member_or_with_one_not_base64url_has_none(string jwk)
    {
        JwkThumbprint.Of(JsonDocument.Parse(jwk).RootElement).Should().BeNull();
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void An_ec_key_on_each_named_curve_a_proof_may_use_has_one(string curve)
    {
        var jwk = $$"""{"kty":"EC","crv":"{{curve}}","x":"{{X}}","y":"{{Y}}"}""";

        JwkThumbprint.Of(JsonDocument.Parse(jwk).RootElement).Should().NotBeNull();
    }

    [Fact]
    public void Members_the_thumbprint_does_not_hash_do_not_change_it()
    {
        var bare = $$"""{"kty":"EC","crv":"P-256","x":"{{X}}","y":"{{Y}}"}""";
        var dressed = $$"""{"use":"sig","y":"{{Y}}","kid":"k1","x":"{{X}}","crv":"P-256","kty":"EC","alg":"ES256"}""";

        JwkThumbprint.Of(JsonDocument.Parse(dressed).RootElement).Should().Be(JwkThumbprint.Of(JsonDocument.Parse(bare).RootElement));
    }

    [Fact]
    public void Keys_differing_in_one_coordinate_have_different_thumbprints()
    {
        var one = $$"""{"kty":"EC","crv":"P-256","x":"{{X}}","y":"{{Y}}"}""";
        var other = $$"""{"kty":"EC","crv":"P-256","x":"{{X}}","y":"{{X}}"}""";

        JwkThumbprint.Of(JsonDocument.Parse(one).RootElement).Should().NotBe(JwkThumbprint.Of(JsonDocument.Parse(other).RootElement));
    }
}

using System.Text.Json;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>A proof key's RFC 7638 thumbprint, computed from its JSON with no key built.</summary>
public sealed class JwkThumbprintTests
{
    [Fact]
    public void The_rsa_example_of_rfc_7638_has_its_published_thumbprint()
    {
        const string jwk = """
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """;

        JwkThumbprint.Of(JsonDocument.Parse(jwk).RootElement).Should().Be("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    [Fact]
    public void An_ec_key_has_the_thumbprint_identitymodel_computes()
    {
        var jwk = JsonSerializer.Serialize(new DpopKey().PublicJwk());

        JwkThumbprint.Of(JsonDocument.Parse(jwk).RootElement).Should().Be(Base64UrlEncoder.Encode(new JsonWebKey(jwk).ComputeJwkThumbprint()));
    }

    [Theory]
    [InlineData("""{"kty":"EC"}""")]
    [InlineData("""{"kty":"EC","crv":"P-192","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"a\"b","y":"AAAA"}""")]
    [InlineData("""{"kty":"RSA","n":5,"e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""")]
    [InlineData("""{"kty":"oct","k":"c2VjcmV0"}""")]
    public void A_key_of_a_kind_no_proof_may_use_has_none(string jwk)
    {
        JwkThumbprint.Of(JsonDocument.Parse(jwk).RootElement).Should().BeNull();
    }
}

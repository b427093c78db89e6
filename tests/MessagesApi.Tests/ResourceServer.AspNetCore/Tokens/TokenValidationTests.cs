using System.Net;
using System.Text;
using MessagesApi.Tests.Fixtures;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests;

public sealed class TokenValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private TokenBuilder Token() => api.Issuer.Token();

    [Fact]
    public async Task Expired_token_is_rejected_as_expired()
    {
        var token = Token().ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(-5)).Build();

        (await Protected(token)).Should().BeRejectedWith("The token has expired.");
    }

    [Fact]
    public async Task Token_expired_within_the_30_second_clock_skew_is_accepted()
    {
        var token = Token().ExpiresAt(DateTimeOffset.UtcNow.AddSeconds(-10)).Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_expired_beyond_the_clock_skew_is_rejected()
    {
        var token = Token().ExpiresAt(DateTimeOffset.UtcNow.AddSeconds(-45)).Build();

        (await Protected(token)).Should().BeRejectedWith("The token has expired.");
    }

    [Fact]
    public async Task Token_not_yet_valid_is_rejected()
    {
        var token = Token().With("nbf", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()).Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not valid yet (nbf).");
    }

    [Fact]
    public async Task Token_without_exp_is_rejected()
    {
        var token = Token().Without("exp").Build();

        (await Protected(token)).Should().BeRejectedWith("The token has no expiry (exp).");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_rejected_as_wrong_issuer()
    {
        var token = Token().With("iss", "https://evil.example/").Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task Issuer_without_the_trailing_slash_is_rejected()
    {
        var token = Token().With("iss", api.Issuer.Issuer.TrimEnd('/')).Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task Token_for_another_audience_is_rejected_as_wrong_audience()
    {
        var token = Token().With("aud", "https://another-api.example").Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task Audience_with_a_trailing_slash_added_is_rejected_as_wrong_audience()
    {
        var token = Token().With("aud", TokenBuilder.Audience + "/").Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task Audience_array_holding_the_audience_only_with_a_trailing_slash_is_rejected_as_wrong_audience()
    {
        var token = Token().With("aud", new[] { TokenBuilder.Audience + "/", "https://another-api.example" }).Build();

        (await Protected(token)).Should().BeRejectedWith("The token is not issued for this API (audience).");
    }

    [Fact]
    public async Task Audience_as_a_single_string_is_accepted()
    {
        var token = Token().With("aud", TokenBuilder.Audience).Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public async Task Unsigned_alg_none_token_is_rejected(string alg)
    {
        var token = Token().WithHeader("alg", alg).BuildUnsigned();

        (await Protected(token)).Should().BeRejectedWith("The token's signing algorithm is not allowed.");
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Hmac_token_signed_with_the_rsa_public_key_pem_is_rejected(string alg)
    {
        var secret = Encoding.ASCII.GetBytes(api.Issuer.CurrentKey.PublicKeyPem());
        var token = Token().WithHeader("alg", alg).BuildHmacWithSecret(secret);

        (await Protected(token)).Should().BeRejectedWith("The token's signing algorithm is not allowed.");
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Token_signed_with_the_issuers_key_but_not_RS256_is_rejected_by_default(string alg)
    {
        var token = Token().WithHeader("alg", alg).Build();

        (await Protected(token)).Should().BeRejectedWith("The token's signing algorithm is not allowed.");
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_is_rejected_as_unknown_signing_key()
    {
        var token = Token().SignedWith(new SigningKey()).Build();

        (await Protected(token)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task Token_without_kid_is_verified_against_the_issuers_keys()
    {
        var token = Token().WithoutHeader("kid").Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_without_kid_signed_by_a_foreign_key_is_rejected_as_unknown_signing_key()
    {
        var token = Token().SignedWith(new SigningKey()).WithoutHeader("kid").Build();

        (await Protected(token)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task Token_signed_by_another_key_under_a_known_kid_is_rejected_as_bad_signature()
    {
        var token = Token().SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build();

        (await Protected(token)).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Tampered_payload_is_rejected_as_bad_signature()
    {
        var parts = Token().Build().Split('.');
        var forged = Token().WithPermissions("read:admin-messages").Build().Split('.')[1];

        (await Protected($"{parts[0]}.{forged}.{parts[2]}")).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Fact]
    public async Task Stripped_signature_is_rejected()
    {
        var parts = Token().Build().Split('.');

        (await Protected($"{parts[0]}.{parts[1]}.")).Should().BeRejectedWith("The token signature is invalid.");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")]
    [InlineData("....")]
    public async Task Malformed_token_is_rejected_as_malformed(string token)
    {
        (await Protected(token)).Should().BeRejectedWith("The token is malformed.");
    }

    [Fact]
    public async Task Segments_that_are_not_json_are_rejected_as_malformed_json()
    {
        (await Protected("a.b.c")).Should().BeRejectedWith("The token is malformed: its header and payload must each be exactly one JSON object in UTF-8, with no member named twice.");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    public async Task A_lifetime_claim_given_as_a_string_is_rejected_as_not_a_numeric_date(string claim)
    {
        var token = Token().With(claim, DateTimeOffset.UtcNow.AddMinutes(claim == "exp" ? 30 : -1).ToUnixTimeSeconds().ToString()).Build();

        (await Protected(token)).Should().BeRejectedWith("The token is malformed: its exp, nbf and iat must be numbers (NumericDate).");
    }

    [Fact]
    public async Task A_fractional_numeric_date_is_accepted()
    {
        var token = Token().With("exp", DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds() + 0.5).Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    [InlineData("application/at+jwt")]
    [InlineData("AT+JWT")]
    [InlineData("Application/AT+JWT")]
    [InlineData("application/jwt")]
    public async Task An_access_token_typ_is_accepted(string typ)
    {
        var token = Token().WithHeader("typ", typ).Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_typ_is_accepted()
    {
        var token = Token().WithoutHeader("typ").Build();

        (await Protected(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("dpop+jwt")]
    [InlineData("logout+jwt")]
    [InlineData("secevent+jwt")]
    [InlineData("application/logout+jwt")]
    [InlineData("id_token+jwt")]
    [InlineData("")]
    public async Task A_typ_naming_another_kind_of_token_is_rejected(string typ)
    {
        var token = Token().WithHeader("typ", typ).Build();

        (await Protected(token)).Should().BeRejectedWith("The token type (typ) is not accepted.");
    }

    [Fact]
    public async Task Lowercase_bearer_scheme_is_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + Token().Build());

        var response = await api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("token")]
    public async Task Token_in_the_query_string_is_ignored(string parameter)
    {
        var response = await api.CreateClient().GetAsync($"/api/messages/protected?{parameter}={Token().Build()}");

        response.Should().BeChallengedWithoutToken();
    }

    [Fact]
    public async Task Token_in_a_cookie_is_ignored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Add("Cookie", "access_token=" + Token().Build());

        var response = await api.CreateClient().SendAsync(request);

        response.Should().BeChallengedWithoutToken();
    }

    [Fact]
    public async Task Error_description_never_echoes_the_token()
    {
        var token = Token().With("aud", "https://another-api.example").Build();

        var response = await Protected(token);

        response.Headers.WwwAuthenticate.ToString().Should().NotContain(token.Split('.')[1]).And.NotContain("another-api");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(token.Split('.')[1]).And.NotContain("another-api");
    }

    private Task<HttpResponseMessage> Protected(string token) => api.ClientWithToken(token).GetAsync("/api/messages/protected");
}

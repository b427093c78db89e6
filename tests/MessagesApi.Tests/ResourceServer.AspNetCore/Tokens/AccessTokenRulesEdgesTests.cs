using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;
using ResourceServer.AspNetCore;
using ResourceServer.AspNetCore.Rejections;

namespace MessagesApi.Tests;

/// <summary>The access-token rules that need no key, at their edges: an iat no later than the clock skew ahead, an
/// algorithm that is not allowed named in the refusal only when it is short alphanumeric text (never whatever a token
/// carries, into a log line), and the claims Auth0:RequiredClaims asks of an access token.</summary>
public sealed class AccessTokenRulesEdgesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_token_issued_the_clock_skew_ahead_keeps_the_rules()
    {
        Rules().Check(Token(iat: (Now + Skew).ToUnixTimeSeconds())).Should().BeNull();
    }

    [Fact]
    public void A_token_issued_a_second_beyond_the_clock_skew_ahead_is_refused_as_issued_in_the_future()
    {
        Rules().Check(Token(iat: (Now + Skew).ToUnixTimeSeconds() + 1)).Should().BeOfType<SecurityTokenInvalidLifetimeException>()
            .Which.Message.Should().Be("The token claims to be issued in the future (iat).");
    }

    [Fact]
    public void A_token_without_exp_is_refused_as_never_expiring()
    {
        Rules().Check(Token(iat: null, claims: [("exp", Absent)])).Should().BeOfType<SecurityTokenNoExpirationException>()
            .Which.Message.Should().Be("The token has no expiry (exp).");
    }

    [Fact]
    public void A_typ_naming_another_kind_of_jwt_is_refused_as_not_an_accepted_type()
    {
        Rules().Check(Token(iat: null, typ: "dpop+jwt")).Should().BeOfType<SecurityTokenInvalidTypeException>()
            .Which.Message.Should().Be("The token type (typ) is not accepted.");
    }

    [Fact]
    public void With_another_audience_claim_a_token_not_naming_this_api_there_is_refused_naming_that_claim()
    {
        var rules = new AccessTokenRules(Options.Create(new Auth0Options { Algorithms = ["RS256"], Audience = "https://messages-api.test", AudienceClaim = "client_id" }),
            new FakeTimeProvider(Now));

        rules.Check(Token(iat: null, claims: [("client_id", "another-api")])).Should().BeOfType<SecurityTokenInvalidAudienceException>()
            .Which.Message.Should().Be("The token's client_id is not this API.");
    }

    [Fact]
    public void A_token_without_iat_keeps_the_rules()
    {
        Rules().Check(Token(iat: null)).Should().BeNull();
    }

    [Theory]
    [InlineData("ES256", "The algorithm 'ES256' is not allowed.")]
    [InlineData("A2345678901234567890", "The algorithm 'A2345678901234567890' is not allowed.")]
    [InlineData("A23456789012345678901", "The algorithm '(unprintable)' is not allowed.")]
    [InlineData("RS256\nforged log line", "The algorithm '(unprintable)' is not allowed.")]
    public void An_algorithm_not_allowed_is_named_only_when_short_and_alphanumeric(string alg, string message)
    {
        Rules().Check(Token(iat: null, alg: alg)).Should().BeOfType<SecurityTokenInvalidAlgorithmException>().Which.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("token_use=access", "access")]
    [InlineData("azp", "any client")]
    [InlineData("azp", "")]
    public void A_token_carrying_the_required_claims_keeps_the_rules(string required, object value)
    {
        Rules(required).Check(Token(iat: null, claims: [(required.Split('=')[0], value)])).Should().BeNull();
    }

    [Fact]
    public void A_required_claim_with_another_value_is_refused_naming_what_is_required()
    {
        Rules("token_use=access").Check(Token(iat: null, claims: [("token_use", "id")])).Should().BeOfType<RequiredClaimException>()
            .Which.Message.Should().Be("The token does not carry token_use=access, which Auth0:RequiredClaims asks of an access token.");
    }

    [Fact]
    public void A_required_value_is_matched_exactly()
    {
        Rules("token_use=access").Check(Token(iat: null, claims: [("token_use", "Access")])).Should().BeOfType<RequiredClaimException>();
    }

    [Fact]
    public void A_required_value_is_a_json_string_not_another_type_written_alike()
    {
        Rules("ver=2").Check(Token(iat: null, claims: [("ver", 2)])).Should().BeOfType<RequiredClaimException>();
    }

    [Fact]
    public void A_required_claim_that_is_null_is_missing()
    {
        Rules("azp").Check(Token(iat: null, claims: [("azp", null)])).Should().BeOfType<RequiredClaimException>()
            .Which.Message.Should().Be("The token does not carry the claim azp, which Auth0:RequiredClaims asks of an access token.");
    }

    [Fact]
    public void Every_required_claim_is_required()
    {
        Rules("token_use=access", "azp").Check(Token(iat: null, claims: [("token_use", "access")])).Should().BeOfType<RequiredClaimException>();
    }

    [Fact]
    public void A_missing_required_claim_is_refused_as_no_access_token_and_never_charged()
    {
        var rejection = TokenRejection.From(new RequiredClaimException(new RequiredClaim("token_use=access")));

        (rejection.Reason, rejection.Description, rejection.Error, rejection.Charged).Should().Be(
            ("missing_required_claim", "The token lacks a claim this API requires of access tokens (is it an ID token?).", "invalid_token", false));
    }

    private static AccessTokenRules Rules(params string[] requiredClaims) =>
        new(Options.Create(new Auth0Options { Algorithms = ["RS256"], Audience = "https://messages-api.test", ClockSkew = Skew, RequiredClaims = requiredClaims }),
            new FakeTimeProvider(Now));

    /// <summary>A claim value that leaves the claim out.</summary>
    private static readonly object Absent = new();

    private static JsonWebToken Token(long? iat, string alg = "RS256", (string Name, object? Value)[]? claims = null, string typ = "JWT")
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = typ };
        var payload = new Dictionary<string, object?> { ["aud"] = "https://messages-api.test", ["exp"] = (Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds() };
        if (iat is { } issuedAt)
            payload["iat"] = issuedAt;
        foreach (var (name, value) in claims ?? [])
        {
            if (value == Absent)
                payload.Remove(name);
            else
                payload[name] = value;
        }
        return new JsonWebToken(Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(header)) + "."
            + Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(payload)) + ".");
    }
}

using MessagesApi.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests;

/// <summary>The access-token rules that need no key, at their edges: an iat no later than the clock skew ahead, and an
/// algorithm that is not allowed named in the refusal only when it is short alphanumeric text (never whatever a token
/// carries, into a log line).</summary>
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
        Rules().Check(Token(iat: (Now + Skew).ToUnixTimeSeconds() + 1)).Should().BeOfType<SecurityTokenInvalidLifetimeException>();
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

    private static AccessTokenRules Rules() =>
        new(Options.Create(new Auth0Options { Algorithms = ["RS256"], Audience = "https://messages-api.test", ClockSkew = Skew }), new FakeTimeProvider(Now));

    private static JsonWebToken Token(long? iat, string alg = "RS256")
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" };
        var payload = new Dictionary<string, object> { ["aud"] = "https://messages-api.test", ["exp"] = (Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds() };
        if (iat is { } issuedAt)
            payload["iat"] = issuedAt;
        return new JsonWebToken(Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(header)) + "."
            + Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(payload)) + ".");
    }
}

using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Each way a DPoP proof or a token's binding is refused is logged under a reason of its own (the reason metrics
/// count too), so an operator tells a client's clock from its URL, its key or its token.</summary>
public sealed class DpopRefusalReasonTests
{
    private const string Url = "https://localhost/api/messages/protected";

    private readonly DpopKey _key = new();

    [Theory]
    [InlineData("none", "dpop_proof_missing")]
    [InlineData("not a jwt", "dpop_proof_malformed")]
    [InlineData("typed JWT", "dpop_proof_type")]
    [InlineData("signed HS256", "dpop_proof_algorithm")]
    [InlineData("with its private key", "dpop_proof_key")]
    [InlineData("without jti", "dpop_proof_claims")]
    [InlineData("for POST", "dpop_proof_method")]
    [InlineData("for another url", "dpop_proof_url")]
    [InlineData("made an hour ago", "dpop_proof_iat")]
    [InlineData("for another token", "dpop_proof_ath")]
    [InlineData("with an unusable jwk", "dpop_proof_key")]
    [InlineData("signed ES384 by a P-256 key", "dpop_proof_key")]
    [InlineData("by another key than the token's", "dpop_key_mismatch")]
    public async Task A_refused_proof_is_logged_under_its_own_reason(string proof, string reason)
    {
        using var api = new ApiFactory().ServingDpop();
        var token = _key.BoundToken(api.Issuer);

        await DpopProofTests.Send(api, token, Proof(proof, token));

        Rejections(api).Should().ContainSingle().Which.Should().StartWith($"401 for /api/messages/protected: {reason}.");
    }

    [Theory]
    [InlineData("a bound token as Bearer", "dpop_bound_token_as_bearer")]
    [InlineData("an unbound token as DPoP", "dpop_unbound_token")]
    public async Task A_refused_binding_is_logged_under_its_own_reason(string request, string reason)
    {
        using var api = new ApiFactory().ServingDpop();
        var bound = _key.BoundToken(api.Issuer);
        var unbound = api.Issuer.Token().Build();

        await (request switch
        {
            "a bound token as Bearer" => DpopProofTests.Send(api, bound, proof: null, scheme: "Bearer"),
            _ => DpopProofTests.Send(api, unbound, _key.ProofFor("GET", Url, unbound).Build()),
        });

        Rejections(api).Should().ContainSingle().Which.Should().StartWith($"401 for /api/messages/protected: {reason}.");
    }

    [Fact]
    public async Task The_dpop_scheme_where_dpop_is_disabled_is_logged_as_such()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:Mode", "Disabled");
        var token = _key.BoundToken(api.Issuer);

        await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        Rejections(api).Should().ContainSingle().Which.Should().StartWith("401 for /api/messages/protected: dpop_disabled.");
    }

    [Fact]
    public async Task A_proof_without_the_nonce_the_api_requires_is_logged_as_such()
    {
        using var api = new ApiFactory().ServingDpop()
            .WithSetting("Auth0:Dpop:RequireNonce", "true")
            .WithSetting("Auth0:Dpop:NonceKey", "a-nonce-key-shared-by-every-replica-0123456789");
        var token = _key.BoundToken(api.Issuer);

        await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        Rejections(api).Should().ContainSingle().Which.Should().StartWith("401 for /api/messages/protected: dpop_nonce.");
    }

    private string? Proof(string proof, string token) => proof switch
    {
        "none" => null,
        "not a jwt" => "not-a-jwt",
        "typed JWT" => _key.ProofFor("GET", Url, token).WithHeader("typ", "JWT").Build(),
        "signed HS256" => _key.ProofFor("GET", Url, token).WithHeader("alg", "HS256").Build(),
        "with its private key" => _key.ProofFor("GET", Url, token).WithHeader("jwk", _key.PrivateJwk()).Build(),
        "without jti" => _key.ProofFor("GET", Url, token).Without("jti").Build(),
        "for POST" => _key.ProofFor("POST", Url, token).Build(),
        "for another url" => _key.ProofFor("GET", "https://elsewhere.example/api/messages/protected", token).Build(),
        "made an hour ago" => _key.ProofFor("GET", Url, token).With("iat", DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()).Build(),
        "for another token" => _key.ProofFor("GET", Url, "another-token").Build(),
        "with an unusable jwk" => _key.ProofFor("GET", Url, token).WithHeader("jwk", JsonDocument.Parse("""{"kty":"EC"}""").RootElement).Build(),
        "signed ES384 by a P-256 key" => _key.ProofFor("GET", Url, token).WithHeader("alg", "ES384").Build(),
        _ => new DpopKey().ProofFor("GET", Url, token).Build(),
    };

    private static IEnumerable<string> Rejections(ApiFactory api) =>
        api.Logs.Entries.Where(e => e.Message.StartsWith("401 for")).Select(e => e.Message);
}

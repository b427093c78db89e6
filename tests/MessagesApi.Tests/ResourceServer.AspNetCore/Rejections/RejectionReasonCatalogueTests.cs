using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Introspection;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Rejections;
using ResourceServer.AspNetCore.Tokens;

namespace MessagesApi.Tests;

/// <summary>The one catalogue of rejection reasons: each failure a token or proof check ends in has its stable code (the
/// metric tag and log key README lists, which dashboards and alerts match on) and its plain-words description, and only
/// the refusals that cost a signature check are charged to the client's failure budget.</summary>
public sealed class RejectionReasonCatalogueTests
{
    public static TheoryData<Exception, string, string> Failures() => new()
    {
        { new SecurityTokenExpiredException(), "expired", "The token has expired." },
        { new SecurityTokenNotYetValidException(), "not_yet_valid", "The token is not valid yet (nbf)." },
        { new SecurityTokenNoExpirationException(), "no_expiry", "The token has no expiry (exp)." },
        { new SecurityTokenInvalidLifetimeException(), "invalid_lifetime", "The token's lifetime claims are invalid." },
        { new SecurityTokenInvalidAudienceException(), "wrong_audience", "The token is not issued for this API (audience)." },
        { new SecurityTokenInvalidIssuerException(), "wrong_issuer", "The token is not issued by a trusted issuer." },
        { new SecurityTokenSignatureKeyNotFoundException(), "unknown_signing_key", "The token is signed with an unknown key (kid)." },
        { new SecurityTokenInvalidSignatureException(), "bad_signature", "The token signature is invalid." },
        { new SecurityTokenInvalidAlgorithmException(), "algorithm_not_allowed", "The token's signing algorithm is not allowed." },
        { new SecurityTokenInvalidTypeException(), "wrong_type", "The token type (typ) is not accepted." },
        { new SigningKeysUnavailableException("https://issuer.test/"), "signing_keys_unavailable", "The issuer's signing keys are unavailable; try again shortly." },
        { new SecurityTokenMalformedException(), "malformed", "The token is malformed." },
        { new SecurityTokenException(), "invalid", "The token is invalid." },
        { new JwsRuleException(JwsRules.Critical), "critical_header", "The token is malformed: it names critical header extensions (crit), which are not supported." },
        { new DpopReplayCacheUnavailableException("redis down"), "dpop_replay_cache_unavailable", "DPoP proofs cannot be checked for replay right now; try again shortly." },
        { new DpopKeyOverShareException(TimeSpan.FromSeconds(3)), "dpop_key_over_share", new DpopKeyOverShareException(TimeSpan.Zero).Message },
        { DpopProofException.Proof("dpop_proof_iat", "The DPoP proof was not made just now (iat)."), "dpop_proof_iat", "The DPoP proof was not made just now (iat)." },
        { new TokenBindingException("certificate_mismatch", "The token is bound to another client certificate than the one presented."), "certificate_mismatch",
            "The token is bound to another client certificate than the one presented." },
        { new InactiveTokenException(), "inactive", "The token is not active (revoked, expired or unknown to its issuer)." },
        { new IntrospectionUnavailableException("connection refused"), "introspection_unavailable", "The token's issuer cannot be asked about it right now; try again shortly." },
        { new InvalidOperationException("a bug of ours"), "validation_error", "The token could not be validated." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_has_its_stable_reason_code_and_description(Exception failure, string reason, string description)
    {
        var rejection = TokenRejection.From(failure);

        (rejection.Reason, rejection.Description).Should().Be((reason, description));
    }

    [Fact]
    public void An_aggregate_failure_is_the_rejection_of_its_first_failure()
    {
        var failure = new AggregateException(new SecurityTokenInvalidIssuerException(), new SecurityTokenExpiredException());

        TokenRejection.From(failure).Reason.Should().Be("wrong_issuer");
    }

    [Fact]
    public void An_empty_aggregate_failure_is_a_fault_of_ours()
    {
        TokenRejection.From(new AggregateException()).Should().Be(new TokenRejection("validation_error", "The token could not be validated.", Unexpected: true));
    }

    [Fact]
    public void Only_an_exception_nobody_expected_is_marked_a_fault_of_ours()
    {
        Failures().Select(row => (Reason: (string)row[1], TokenRejection.From((Exception)row[0]).Unexpected))
            .Where(row => row.Unexpected).Select(row => row.Reason).Should().Equal("validation_error");
    }

    [Fact]
    public void A_dpop_refusal_keeps_its_own_challenge_error()
    {
        var failure = new DpopProofException(DpopProofException.UseNonce, "dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");

        TokenRejection.From(failure).Error.Should().Be("use_dpop_nonce");
    }

    [Fact]
    public void A_token_refusal_is_an_invalid_token_error()
    {
        TokenRejection.From(new SecurityTokenExpiredException()).Error.Should().Be("invalid_token");
    }

    [Theory]
    [InlineData("bad_signature", true)]
    [InlineData("unknown_signing_key", true)]
    [InlineData("dpop_proof_signature", true)]
    [InlineData("dpop_proof_replayed", true)]
    [InlineData("expired", false)]
    [InlineData("malformed", false)]
    [InlineData("dpop_key_over_share", false)]
    [InlineData("dpop_replay_cache_unavailable", false)]
    [InlineData("dpop_nonce", false)]
    [InlineData("certificate_mismatch", false)]
    [InlineData("inactive", true)]
    [InlineData("introspection_unavailable", false)]
    [InlineData("certificate_missing", false)]
    [InlineData("signing_keys_unavailable", false)]
    public void Only_refusals_that_cost_a_signature_check_are_charged(string reason, bool charged)
    {
        new TokenRejection(reason, "any").Charged.Should().Be(charged);
    }

    [Fact]
    public void A_fault_of_ours_is_never_charged_whatever_its_reason()
    {
        new TokenRejection("bad_signature", "any", Unexpected: true).Charged.Should().BeFalse();
    }
}

using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Binding;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Introspection;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>Why a token was rejected, as a stable code (for logs and metrics) and a plain-words description
/// (for <c>error_description</c>). Descriptions never echo the token or values taken from it. <see cref="Unexpected"/>
/// marks a failure that is no verdict on the token but an exception nobody expected: a fault of ours to look into.</summary>
internal sealed record TokenRejection(string Reason, string Description, bool Unexpected = false, string Error = "invalid_token")
{
    public const string DpopReplayCacheUnavailable = "dpop_replay_cache_unavailable";
    public const string DpopProofSignature = "dpop_proof_signature";
    public const string DpopProofReplayed = "dpop_proof_replayed";
    public const string DpopKeyOverShare = "dpop_key_over_share";
    public const string IntrospectionUnavailable = "introspection_unavailable";
    public const string Inactive = "inactive";

    public const string SigningKeysUnavailable = "signing_keys_unavailable";
    public const string NotYetValid = "not_yet_valid";
    public const string UnknownSigningKey = "unknown_signing_key";
    public const string BadSignature = "bad_signature";
    public const string MissingRequiredClaim = "missing_required_claim";
    public const string WrongIssuer = "wrong_issuer";
    public const string WrongAudience = "wrong_audience";

    /// <summary>Whether the refusal is charged to the client's failure budget: only those that cost a signature
    /// verification (or, for an unknown <c>kid</c>, a fetch of the issuer's keys), the CPU the budget exists to protect.
    /// Everything else is decided before any cryptography and is never charged, so a web app relaying many users'
    /// tokens, some expired, is never throttled; nor are nonce challenges, which the protocol expects, or our own faults.
    /// A DPoP key over its share of the replay store was verified, but sent valid credentials and has its own 429:
    /// charging its address too would throttle the other keys behind it, the very lock-out the share prevents. An opaque
    /// token the issuer called inactive cost a call to the issuer, which the budget protects as it protects the CPU.</summary>
    public bool Charged => !Unexpected && Reason is BadSignature or UnknownSigningKey or DpopProofSignature or DpopProofReplayed or Inactive;

    public static TokenRejection From(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: > 0 } many => From(many.InnerExceptions[0]),
        DpopProofException dpop => new(dpop.Reason, dpop.Message, Error: dpop.Error),
        TokenBindingException binding => new(binding.Reason, binding.Message),
        DpopReplayCacheUnavailableException => new(DpopReplayCacheUnavailable, "DPoP proofs cannot be checked for replay right now; try again shortly."),
        DpopKeyOverShareException overShare => new(DpopKeyOverShare, overShare.Message),
        IntrospectionUnavailableException => new(IntrospectionUnavailable, "The token's issuer cannot be asked about it right now; try again shortly."),
        InactiveTokenException inactive => new(Inactive, inactive.Message),
        SecurityTokenExpiredException => new("expired", "The token has expired."),
        SecurityTokenNotYetValidException => new(NotYetValid, "The token is not valid yet (nbf)."),
        SecurityTokenNoExpirationException => new("no_expiry", "The token has no expiry (exp)."),
        JwsRuleException broken => new(broken.Violation.Reason, broken.Message),
        SecurityTokenInvalidLifetimeException => new("invalid_lifetime", "The token's lifetime claims are invalid."),
        SecurityTokenInvalidAudienceException => new(WrongAudience, "The token is not issued for this API (audience)."),
        SecurityTokenInvalidIssuerException => new(WrongIssuer, "The token is not issued by a trusted issuer."),
        SecurityTokenSignatureKeyNotFoundException => new(UnknownSigningKey, "The token is signed with an unknown key (kid)."),
        SecurityTokenInvalidSignatureException => new(BadSignature, "The token signature is invalid."),
        SecurityTokenInvalidAlgorithmException => new("algorithm_not_allowed", "The token's signing algorithm is not allowed."),
        SecurityTokenInvalidTypeException => new("wrong_type", "The token type (typ) is not accepted."),
        RequiredClaimException => new(MissingRequiredClaim, "The token lacks a claim this API requires of access tokens (is it an ID token?)."),
        SigningKeysUnavailableException => new(SigningKeysUnavailable, "The issuer's signing keys are unavailable; try again shortly."),
        // SecurityTokenMalformedException is one of these: IdentityModel's ArgumentExceptions about the token's content.
        SecurityTokenArgumentException => new("malformed", "The token is malformed."),
        SecurityTokenException => new("invalid", "The token is invalid."),
        _ => new("validation_error", "The token could not be validated.", Unexpected: true),
    };
}

using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>A DPoP request refused: <see cref="Error"/> is the RFC 9449 error code of the DPoP challenge
/// (<c>invalid_dpop_proof</c>, <c>invalid_token</c> or <c>use_dpop_nonce</c>), <see cref="Reason"/> the code logs and
/// metrics count, and the message the plain-words <c>error_description</c>.</summary>
internal sealed class DpopProofException(string error, string reason, string description) : SecurityTokenValidationException(description)
{
    public const string InvalidProof = "invalid_dpop_proof";
    public const string InvalidToken = "invalid_token";
    public const string UseNonce = "use_dpop_nonce";

    public string Error { get; } = error;

    public string Reason { get; } = reason;

    public static DpopProofException Proof(string reason, string description) => new(InvalidProof, reason, description);
}

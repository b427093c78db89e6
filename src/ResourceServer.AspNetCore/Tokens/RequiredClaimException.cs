using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>A token without a claim <c>Auth0:RequiredClaims</c> asks of access tokens: most often an ID token, which the
/// same provider signs with the same keys, for the same audience.</summary>
internal sealed class RequiredClaimException(RequiredClaim claim)
    : SecurityTokenValidationException($"The token does not carry {claim.Describe()}, which Auth0:RequiredClaims asks of an access token.");

using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>The issuer answered that the token is not active: revoked, expired, or never issued.</summary>
internal sealed class InactiveTokenException() : SecurityTokenValidationException("The token is not active (revoked, expired or unknown to its issuer).");

using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>What a rotation did: <see cref="Next"/> signs from now on; <see cref="Previous"/>, the key it replaced, stays published.</summary>
internal sealed record DevKeyRotation(RsaSecurityKey Next, RsaSecurityKey Previous);

using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>The identity a validated access token establishes, with the permissions it grants: read from the token's own
/// JSON once, when it is validated, and kept through every copy the validated-token cache hands out, so a cached token's
/// requests never read its claims again.</summary>
internal sealed class AccessTokenIdentity(ClaimsIdentity validated, IReadOnlySet<string> permissions) : CaseSensitiveClaimsIdentity(validated)
{
    public IReadOnlySet<string> Permissions { get; } = permissions;

    public override ClaimsIdentity Clone() => new AccessTokenIdentity(this, Permissions);
}

using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>The permissions a validated token grants, under the configured <see cref="PermissionClaimPath"/>s
/// (<c>Auth0:PermissionClaims</c>, and <c>scope</c> when <c>Auth0:AcceptScopeAsPermissions</c> is on).</summary>
internal sealed class PermissionClaims(IOptions<Auth0Options> options)
{
    private readonly IReadOnlyList<PermissionClaimPath> _paths = options.Value.PermissionPaths;

    /// <summary>The identity <paramref name="validated"/> with the permissions <paramref name="token"/> grants.</summary>
    public AccessTokenIdentity Establish(ClaimsIdentity validated, JsonWebToken token) => new(validated, GrantedBy(token));

    /// <summary>The permissions <paramref name="token"/> grants, exactly as written.</summary>
    public IReadOnlySet<string> GrantedBy(JsonWebToken token) => _paths.SelectMany(path => path.Values(token)).ToHashSet(StringComparer.Ordinal);
}

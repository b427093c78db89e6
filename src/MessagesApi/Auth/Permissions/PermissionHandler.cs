using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

/// <summary>Grants a permission found, exactly and case-sensitively, in the <c>permissions</c> claim (Auth0 RBAC),
/// or in the space-delimited <c>scope</c> claim when that is switched on.</summary>
internal sealed class PermissionHandler(IOptions<Auth0Options> options) : AuthorizationHandler<PermissionRequirement>
{
    private readonly bool _acceptScope = options.Value.AcceptScopeAsPermissions;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.HasClaim(TokenClaims.Permissions, requirement.Permission) || (_acceptScope && ScopeGrants(context, requirement)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static bool ScopeGrants(AuthorizationHandlerContext context, PermissionRequirement requirement) =>
        context.User.FindAll(TokenClaims.Scope).Any(scope => scope.Value.Split(' ').Contains(requirement.Permission, StringComparer.Ordinal));
}

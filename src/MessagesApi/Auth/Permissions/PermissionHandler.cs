using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MessagesApi.Auth;

/// <summary>Grants a permission found, exactly and case-sensitively, under one of the configured claim paths
/// (<c>Auth0:PermissionClaims</c>, Auth0's <c>permissions</c> by default; <c>scope</c> too when that is switched on).</summary>
internal sealed class PermissionHandler(IOptions<Auth0Options> options) : AuthorizationHandler<PermissionRequirement>
{
    private readonly IReadOnlyList<PermissionClaimPath> _paths = options.Value.PermissionPaths;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (_paths.Any(path => path.Grants(context.User, requirement.Permission)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

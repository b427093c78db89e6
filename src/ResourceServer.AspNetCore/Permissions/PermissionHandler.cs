using Microsoft.AspNetCore.Authorization;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>Grants a permission the validated token holds, exactly and case-sensitively, as <see cref="PermissionClaims"/>
/// read it when the token was validated.</summary>
internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identities.OfType<AccessTokenIdentity>().Any(identity => identity.Permissions.Contains(requirement.Permission)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

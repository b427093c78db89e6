using Microsoft.AspNetCore.Authorization;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Permissions;

internal static class PermissionPolicies
{
    /// <summary>One policy per permission in <paramref name="permissions"/>, named by the permission itself.</summary>
    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services, IEnumerable<string> permissions)
    {
        services.AddAuthorization(options =>
        {
            foreach (var permission in permissions)
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        });
        services.AddSingleton<PermissionClaims>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionDeniedHandler>();
        return services;
    }
}

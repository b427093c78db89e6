using Microsoft.AspNetCore.Authorization;

namespace MessagesApi.Auth;

internal static class PermissionPolicies
{
    /// <summary>One policy per permission in <see cref="Permissions.All"/>, named by the permission itself.</summary>
    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        });
        services.AddSingleton<PermissionClaims>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionDeniedHandler>();
        return services;
    }
}

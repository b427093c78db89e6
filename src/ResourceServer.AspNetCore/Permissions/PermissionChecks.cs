using Microsoft.AspNetCore.Authorization;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Permissions;

internal static class PermissionChecks
{
    /// <summary>What <see cref="EndpointAccess.RequirePermission"/> needs: the permissions a token grants, read
    /// once when it is validated, the handler that checks them, and the 403 that names a missing one.</summary>
    public static IServiceCollection AddPermissionChecks(this IServiceCollection services)
    {
        services.AddAuthorization();
        services.AddSingleton<PermissionClaims>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionDeniedHandler>();
        return services;
    }
}

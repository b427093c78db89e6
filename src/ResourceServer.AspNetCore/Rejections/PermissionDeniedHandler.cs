using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using ResourceServer.AspNetCore.Observability;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>Answers a missing permission with the Auth0 samples' 403 body and an RFC 6750 <c>insufficient_scope</c>
/// challenge naming the permission, on the scheme the request used (Bearer or DPoP); every other outcome goes to the framework's default handling.</summary>
internal sealed class PermissionDeniedHandler(
    ILogger<PermissionDeniedHandler> logger, AuthMetrics metrics, RejectionLog rejectionLog, WwwAuthenticate challenges)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var missing = result.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault();
        if (!result.Forbidden || missing is null)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }

        if (rejectionLog.ShouldWrite(logger, LogLevel.Information, missing.Permission))
            logger.LogInformation("403 for {Path}: missing permission {Permission}. sub={Subject}",
                context.Request.Path, missing.Permission, context.User.FindFirst(TokenClaims.Subject)?.Value);
        metrics.AuthorizationFailed(missing.Permission);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.WWWAuthenticate = challenges.ForMissingPermission(missing.Permission, DpopBinding.UsedDpop(context));
        await context.Response.WriteAsJsonAsync(new PermissionError(
            "insufficient_permissions", "Insufficient permissions to access resource", "Permission denied"), ErrorBodyJson.Default.PermissionError);
    }
}

using Microsoft.AspNetCore.Authorization;
using ResourceServer.AspNetCore.Endpoints;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore;

/// <summary>What an endpoint asks of the access token, declared where the endpoint is mapped: the authorization it
/// needs and the refusals it can answer, documented for OpenAPI.</summary>
public static class EndpointAccess
{
    /// <summary>Any valid access token; without one, 401 with a <c>WWW-Authenticate</c> challenge saying why.</summary>
    /// <param name="builder">The endpoint, route group or other convention builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder RequireAccessToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().AnswersTokenRefusals();

    /// <summary>A valid access token that grants <paramref name="permission"/> (read from the claims named by
    /// <c>Auth0:PermissionClaims</c>); without it, 403 with an <c>insufficient_scope</c> challenge naming it.</summary>
    /// <param name="builder">The endpoint, route group or other convention builder.</param>
    /// <param name="permission">The permission, exactly as the token carries it, e.g. <c>read:admin-messages</c>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        return builder
            .RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build())
            .AnswersTokenRefusals()
            .Answers(StatusCodes.Status403Forbidden, typeof(PermissionError),
                $"The token lacks the {permission} permission; WWW-Authenticate names it (insufficient_scope).");
    }
}

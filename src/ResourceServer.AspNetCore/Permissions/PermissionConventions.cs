using Microsoft.AspNetCore.Authorization;
using ResourceServer.AspNetCore.Endpoints;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Permissions;

/// <summary>What an endpoint asks of the access token, declared where the endpoint is mapped: the authorization it
/// needs and the refusals it can answer, documented for OpenAPI.</summary>
internal static class PermissionConventions
{
    /// <summary>Any valid access token.</summary>
    public static TBuilder RequireAccessToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().AnswersTokenRefusals();

    /// <summary>A valid access token that grants <paramref name="permission"/> (see Auth0:PermissionClaims); without it,
    /// 403 with an <c>insufficient_scope</c> challenge naming it.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder
            .RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build())
            .AnswersTokenRefusals()
            .Answers(StatusCodes.Status403Forbidden, typeof(PermissionError),
                $"The token lacks the {permission} permission; WWW-Authenticate names it (insufficient_scope).");
}

using System.Security.Claims;
using MessagesApi.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Permissions;

namespace MessagesApi.Tests;

/// <summary>A permission is granted by a validated access token alone, and a refusal the permission check did not make
/// is left to the framework: an API that adds its own schemes and requirements beside the library's keeps their answers.</summary>
public sealed class PermissionHandlerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Permission = "read:admin-messages";

    [Fact]
    public async Task A_user_signed_in_without_an_access_token_is_not_granted_a_permission_its_claims_name()
    {
        var cookieUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim("permissions", Permission)], "Cookies"));
        var context = new AuthorizationHandlerContext([new PermissionRequirement(Permission)], cookieUser, null);

        await new PermissionHandler().HandleAsync(context);

        context.HasSucceeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_refusal_for_a_requirement_other_than_a_permission_gets_the_frameworks_own_403()
    {
        var http = new DefaultHttpContext { RequestServices = api.Services };
        var roleRefused = AuthorizationFailure.Failed([new RolesAuthorizationRequirement(["admin"])]);

        await api.Services.GetRequiredService<IAuthorizationMiddlewareResultHandler>()
            .HandleAsync(_ => Task.CompletedTask, http, new AuthorizationPolicyBuilder().RequireRole("admin").Build(), PolicyAuthorizationResult.Forbid(roleRefused));

        http.Response.StatusCode.Should().Be(StatusCodes.Status403Forbidden);
        http.Response.Headers.WWWAuthenticate.ToString().Should().NotContain("insufficient_scope");
    }
}

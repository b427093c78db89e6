using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Auth0:PermissionClaims: where each provider puts permissions, as it puts them there.</summary>
public sealed class PermissionClaimsTests
{
    [Fact]
    public async Task A_nested_path_reads_keycloaks_realm_roles()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "realm_access.roles");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { "offline_access", "read:admin-messages" } }).Build();

        (await Admin(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_list_replaces_auth0s_permissions_claim()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "scp");

        (await Admin(api, api.Issuer.Token().WithPermissions("read:admin-messages").Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_space_delimited_scp_grants_each_listed_permission()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims", "scp");

        (await Admin(api, api.Issuer.Token().With("scp", "openid read:admin-messages").Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_claim_name_with_a_colon_reads_cognito_groups()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "cognito:groups");

        (await Admin(api, api.Issuer.Token().With("cognito:groups", new[] { "read:admin-messages" }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Matching_stays_exact_under_a_nested_path()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "realm_access.roles");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { "READ:ADMIN-MESSAGES" } }).Build();

        (await Admin(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_path_ending_at_an_object_grants_nothing()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "realm_access");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { "read:admin-messages" } }).Build();

        (await Admin(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static Task<HttpResponseMessage> Admin(ApiFactory api, string token) => api.ClientWithToken(token).GetAsync("/api/messages/admin");
}

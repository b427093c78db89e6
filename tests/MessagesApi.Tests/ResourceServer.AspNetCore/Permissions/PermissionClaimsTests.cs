using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Auth0:PermissionClaims: a top-level claim name exactly as written, or a JSON Pointer into the payload; an
/// array's elements matched whole, a string split on spaces.</summary>
public sealed class PermissionClaimsTests
{
    private const string Admin = "read:admin-messages";

    [Fact]
    public async Task A_json_pointer_reads_keycloaks_realm_roles()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/realm_access/roles");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { "offline_access", Admin } }).Build();

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_pointer_reaches_the_roles_of_a_keycloak_client_whose_id_has_dots()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/resource_access/messages.api.example/roles");
        var token = api.Issuer.Token()
            .With("resource_access", new Dictionary<string, object> { ["messages.api.example"] = new { roles = new[] { Admin } } })
            .Build();

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_auth0_action_namespaced_claim_is_read_by_its_whole_name()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "https://example.com/roles");

        (await AdminWith(api, api.Issuer.Token().With("https://example.com/roles", new[] { Admin }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_pointer_unescapes_tilde_one_as_a_slash_and_tilde_zero_as_a_tilde()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/https:~1~1example.com~1~0roles");

        (await AdminWith(api, api.Issuer.Token().With("https://example.com/~roles", new[] { Admin }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_pointer_to_a_top_level_claim_with_a_dot_reads_that_claim()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/realm_access.roles");

        (await AdminWith(api, api.Issuer.Token().With("realm_access.roles", new[] { Admin }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_list_replaces_auth0s_permissions_claim()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "scp");

        (await AdminWith(api, api.Issuer.Token().WithPermissions(Admin).Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_space_delimited_scp_grants_each_listed_permission()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims", "scp");

        (await AdminWith(api, api.Issuer.Token().With("scp", $"openid {Admin}").Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nested_space_delimited_string_grants_each_listed_permission()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/ext/scope");

        (await AdminWith(api, api.Issuer.Token().With("ext", new { scope = $"openid {Admin}" }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nested_array_element_with_a_space_grants_nothing()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/realm_access/roles");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { $"not {Admin}" } }).Build();

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_claim_name_with_a_colon_reads_cognito_groups()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "cognito:groups");

        (await AdminWith(api, api.Issuer.Token().With("cognito:groups", new[] { Admin }).Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Matching_stays_exact_under_a_json_pointer()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/realm_access/roles");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { "READ:ADMIN-MESSAGES" } }).Build();

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_json_pointer_ending_at_an_object_grants_nothing()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/realm_access");
        var token = api.Issuer.Token().With("realm_access", new { roles = new[] { Admin } }).Build();

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_json_pointer_into_a_string_grants_nothing()
    {
        using var api = new ApiFactory().WithSetting("Auth0:PermissionClaims:0", "/scp/0");

        (await AdminWith(api, api.Issuer.Token().With("scp", Admin).Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_served_from_the_validated_token_cache_keeps_its_permissions()
    {
        using var api = new ApiFactory();
        var token = api.Issuer.Token().WithPermissions(Admin).Build();
        await AdminWith(api, token);

        (await AdminWith(api, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> AdminWith(ApiFactory api, string token) => api.ClientWithToken(token).GetAsync("/api/messages/admin");
}

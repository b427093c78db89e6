using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class PermissionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Permissions_array_containing_the_permission_grants_admin()
    {
        var token = api.Issuer.Token().WithPermissions("read:messages", "read:admin-messages").Build();

        (await Admin(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Missing_permissions_claim_is_forbidden()
    {
        (await Admin(api.Issuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Empty_permissions_array_is_forbidden()
    {
        (await Admin(api.Issuer.Token().WithPermissions().Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_permissions_array_element_with_a_space_is_one_permission_and_grants_nothing()
    {
        (await Admin(api.Issuer.Token().WithPermissions("not read:admin-messages").Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Permissions_of_another_json_type_grant_nothing()
    {
        (await Admin(api.Issuer.Token().With("permissions", new { permission = "read:admin-messages" }).Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Permissions_as_a_single_string_equal_to_the_permission_grants_admin()
    {
        var token = api.Issuer.Token().With("permissions", "read:admin-messages").Build();

        (await Admin(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Permissions_as_a_space_delimited_string_grant_each_listed_permission()
    {
        var token = api.Issuer.Token().With("permissions", "read:messages read:admin-messages").Build();

        (await Admin(token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("READ:ADMIN-MESSAGES")]
    [InlineData("Read:Admin-Messages")]
    [InlineData("read:admin")]
    [InlineData("read:admin-messages-old")]
    public async Task Permission_differing_in_case_or_spelling_is_forbidden(string permission)
    {
        (await Admin(api.Issuer.Token().WithPermissions(permission).Build())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Scope_claim_does_not_grant_permissions_by_default()
    {
        var token = api.Issuer.Token().With("scope", "openid read:admin-messages").Build();

        (await Admin(token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Forbidden_carries_the_insufficient_scope_header_naming_the_permission()
    {
        var response = await Admin(api.Issuer.Token().Build());

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            "Bearer error=\"insufficient_scope\", scope=\"read:admin-messages\"");
    }

    [Fact]
    public async Task Protected_needs_no_permission()
    {
        (await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> Admin(string token) => api.ClientWithToken(token).GetAsync("/api/messages/admin");
}

public sealed class ScopeAsPermissionsTests : IClassFixture<ScopeAsPermissionsTests.Factory>
{
    private readonly Factory _api;

    public ScopeAsPermissionsTests(Factory api) => _api = api;

    public sealed class Factory : ApiFactory
    {
        public Factory() => WithSetting("Auth0:AcceptScopeAsPermissions", "true");
    }

    [Fact]
    public async Task Scope_claim_grants_the_permission_when_opted_in()
    {
        var token = _api.Issuer.Token().With("scope", "openid read:admin-messages").Build();

        (await _api.ClientWithToken(token).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scope_is_matched_whole_word_and_case_sensitively_when_opted_in()
    {
        var token = _api.Issuer.Token().With("scope", "openid read:admin-messages-extra READ:ADMIN-MESSAGES").Build();

        (await _api.ClientWithToken(token).GetAsync("/api/messages/admin")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

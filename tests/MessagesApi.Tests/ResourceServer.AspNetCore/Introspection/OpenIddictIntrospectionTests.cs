using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Introspection;

namespace MessagesApi.Tests;

/// <summary>Opaque access tokens from a real, .NET authorization server: OpenIddict issues reference tokens by the client
/// credentials grant, and the API asks its introspection endpoint about them, configured as an OpenIddict user would
/// (see <see cref="OpenIddictServer"/>). Each test has its own server, and shares the API's fake clock with it.</summary>
public sealed class OpenIddictIntrospectionTests : IAsyncLifetime
{
    private const string Protected = "/api/messages/protected";
    private const string Admin = "/api/messages/admin";
    private const string Inactive = "The token is not active (revoked, expired or unknown to its issuer).";

    private readonly ApiFactory _api = new ApiFactory().WithFakeClock();
    private OpenIddictServer _openIddict = null!;

    public async Task InitializeAsync()
    {
        _openIddict = await OpenIddictServer.StartAsync(_api.Clock);
        _openIddict.Serve(_api);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _openIddict.DisposeAsync();
    }

    [Fact]
    public async Task A_reference_token_openiddict_issued_is_accepted()
    {
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.MessagesScope);

        var response = await _api.ClientWithToken(token).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_admin_scope_openiddict_granted_opens_the_admin_endpoint()
    {
        var token = await _openIddict.TokenAsync(OpenIddictServer.AdminConsole, OpenIddictServer.MessagesScope, OpenIddictServer.AdminScope);

        var response = await _api.ClientWithToken(token).GetAsync(Admin);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reference_token_without_the_admin_scope_is_forbidden_the_admin_endpoint()
    {
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.MessagesScope);

        var response = await _api.ClientWithToken(token).GetAsync(Admin);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_revoked_at_openiddict_is_still_served_from_the_cache_right_after()
    {
        await _api.KeysLoadedAsync();
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.MessagesScope);
        (await _api.ClientWithToken(token).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _openIddict.RevokeAsync(OpenIddictServer.MessageReader, token);

        var response = await _api.ClientWithToken(token).GetAsync(Protected);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_revoked_at_openiddict_is_refused_once_the_cache_lifetime_has_passed()
    {
        await _api.KeysLoadedAsync();
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.MessagesScope);
        (await _api.ClientWithToken(token).GetAsync(Protected)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _openIddict.RevokeAsync(OpenIddictServer.MessageReader, token);
        _api.Clock!.Advance(_api.Services.GetRequiredService<IOptions<IntrospectionOptions>>().Value.CacheMaxLifetime + TimeSpan.FromSeconds(1));

        var response = await _api.ClientWithToken(token).GetAsync(Protected);

        response.Should().BeRejectedWith(Inactive);
    }

    [Fact]
    public async Task A_reference_token_openiddict_never_issued_is_refused()
    {
        var response = await _api.ClientWithToken("IKQqy6Uc9Cz0UkXQtWOQy1fXvV4vKt8mE3aPHa6uUxY").GetAsync(Protected);

        response.Should().BeRejectedWith(Inactive);
    }

    /// <summary>The API would refuse its audience, but never sees it: OpenIddict tells only the token's audiences and
    /// presenter about it, and answers anyone else that it is not active.</summary>
    [Fact]
    public async Task A_token_openiddict_issued_for_another_api_is_refused_as_inactive()
    {
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.BillingScope);

        var response = await _api.ClientWithToken(token).GetAsync(Protected);

        (response.StatusCode, _api.OnlyRejectionReason()).Should().Be((HttpStatusCode.Unauthorized, "inactive"));
    }

    /// <summary>A misconfigured API is no reason for a client to throw its token away: 503, not 401.</summary>
    [Fact]
    public async Task When_openiddict_refuses_the_api_s_client_secret_requests_get_503()
    {
        _api.WithSetting("Auth0:Introspection:ClientSecret", "not the secret OpenIddict holds");
        var token = await _openIddict.TokenAsync(OpenIddictServer.MessageReader, OpenIddictServer.MessagesScope);

        var response = await _api.ClientWithToken(token).GetAsync(Protected);

        (response.StatusCode, response.Headers.RetryAfter?.ToString()).Should().Be((HttpStatusCode.ServiceUnavailable, "1"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/explain exists in Development whatever issuer is trusted, so a real tenant's token (AUTH0_DOMAIN set,
/// the development issuer off) can be debugged; outside Development it does not exist.</summary>
public sealed class TokenExplainerInDevelopmentTests(TokenExplainerInDevelopmentTests.Factory api) : IClassFixture<TokenExplainerInDevelopmentTests.Factory>
{
    /// <summary>Development with AUTH0_DOMAIN naming a (test) tenant.</summary>
    public sealed class Factory : ApiFactory
    {
        public Factory() => Environment = "Development";
    }

    [Fact]
    public async Task With_auth0_domain_set_a_posted_tenant_token_is_explained_as_accepted()
    {
        await api.KeysLoadedAsync();

        var response = await api.CreateClient().PostAsync("/dev/explain", new StringContent(api.Issuer.Token().Build()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task With_auth0_domain_set_the_tenant_token_in_the_authorization_header_is_explained_as_accepted()
    {
        await api.KeysLoadedAsync();

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/dev/explain");

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task With_auth0_domain_set_a_client_on_another_machine_is_refused()
    {
        var response = await api.ClientFrom("192.0.2.10", api.Issuer.Token().Build()).GetAsync("/dev/explain");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

/// <summary>The same API in Production: no /dev/explain, by either method.</summary>
public sealed class TokenExplainerInProductionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Explain_does_not_exist_in_production_by_get_or_post()
    {
        var get = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/dev/explain");
        var post = await api.CreateClient().PostAsync("/dev/explain", new StringContent(api.Issuer.Token().Build()));

        new[] { get.StatusCode, post.StatusCode }.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class ProtectedResourceMetadataTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Metadata_names_the_audience_the_issuer_and_the_permissions()
    {
        var response = await api.CreateClient().GetAsync("/.well-known/oauth-protected-resource");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();
        metadata.GetProperty("resource").GetString().Should().Be(TokenBuilder.Audience);
        metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).Should().Equal(api.Issuer.Issuer);
        metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("header");
        metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("read:admin-messages");
    }
}

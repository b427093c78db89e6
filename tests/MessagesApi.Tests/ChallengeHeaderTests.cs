using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class ChallengeHeaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ResourceMetadata = "resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"";

    [Fact]
    public async Task Missing_token_gets_a_bearer_challenge_without_an_error_code()
    {
        var response = await api.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be($"Bearer {ResourceMetadata}");
    }

    [Fact]
    public async Task Bad_token_gets_invalid_token_with_a_description_and_resource_metadata()
    {
        var response = await api.ClientWithToken("x.y.z").GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            $"Bearer error=\"invalid_token\", error_description=\"The token is malformed.\", {ResourceMetadata}");
    }

    [Fact]
    public async Task Bad_token_body_mirrors_the_header()
    {
        var response = await api.ClientWithToken("x.y.z").GetAsync("/api/messages/protected");

        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"message":"Bad credentials","error":"invalid_token","error_description":"The token is malformed."}""");
    }
}

using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class ChallengeHeaderTests(ProtectedResourceMetadataTests.Factory api) : IClassFixture<ProtectedResourceMetadataTests.Factory>
{
    private const string ResourceMetadata = $"resource_metadata=\"{ProtectedResourceMetadataTests.Factory.PublicUrl}/.well-known/oauth-protected-resource\"";
    private const string DpopChallenge = "DPoP algs=\"ES256 ES384 PS256 RS256\"";

    [Fact]
    public async Task Missing_token_gets_a_bearer_challenge_without_an_error_code()
    {
        var response = await api.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be($"Bearer {ResourceMetadata}, {DpopChallenge}");
    }

    [Fact]
    public async Task Bad_token_gets_invalid_token_with_a_description_and_resource_metadata()
    {
        var response = await api.ClientWithToken("not-a-jwt").GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            $"Bearer error=\"invalid_token\", error_description=\"The token is malformed.\", {ResourceMetadata}, {DpopChallenge}");
    }

    [Fact]
    public async Task Bad_token_body_mirrors_the_header()
    {
        var response = await api.ClientWithToken("not-a-jwt").GetAsync("/api/messages/protected");

        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"message":"Bad credentials","error":"invalid_token","error_description":"The token is malformed."}""");
    }

    [Fact]
    public async Task Missing_permission_gets_insufficient_scope_with_resource_metadata()
    {
        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/admin");

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            $"Bearer error=\"insufficient_scope\", scope=\"read:admin-messages\", {ResourceMetadata}");
    }

    [Fact]
    public async Task Missing_permission_on_a_dpop_request_gets_insufficient_scope_on_the_dpop_challenge()
    {
        var key = new DpopKey();
        var token = key.BoundToken(api.Issuer);
        var proof = key.ProofFor("GET", ProtectedResourceMetadataTests.Factory.PublicUrl + "/api/messages/admin", token).Build();

        var response = await DpopProofTests.Send(api, token, proof, path: "/api/messages/admin");

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            $"DPoP error=\"insufficient_scope\", scope=\"read:admin-messages\", algs=\"ES256 ES384 PS256 RS256\", {ResourceMetadata}");
    }

    [Theory]
    [InlineData("/api/messages/protected", false)]
    [InlineData("/api/messages/admin", true)]
    public async Task Resource_metadata_ignores_the_Host_header_the_client_sends(string path, bool withToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example:1234";
        var client = withToken ? api.ClientWithToken(api.Issuer.Token().Build()) : api.CreateClient();

        var response = await client.SendAsync(request);

        response.Headers.WwwAuthenticate.ToString().Should().Contain(ResourceMetadata);
    }

    [Fact]
    public async Task Public_url_with_a_path_gets_the_well_known_path_between_host_and_path()
    {
        using var underPath = new ApiFactory().WithSetting("PUBLIC_URL", "https://example.com/messages-api/");

        var response = await underPath.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be(
            $"Bearer resource_metadata=\"https://example.com/.well-known/oauth-protected-resource/messages-api\", {DpopChallenge}");
    }

    [Fact]
    public async Task Without_PUBLIC_URL_production_challenges_carry_no_resource_metadata()
    {
        using var production = new ApiFactory();

        var response = await production.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be($"Bearer, {DpopChallenge}");
    }
}

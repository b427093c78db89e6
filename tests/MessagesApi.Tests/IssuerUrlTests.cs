using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Issuers as providers write them: Keycloak, Okta, Entra ID and Cognito issuers have a path and no trailing
/// slash, and a token's <c>iss</c> must equal the configured issuer exactly.</summary>
public sealed class IssuerUrlTests
{
    private const string PathIssuer = "https://idp.test/realms/demo";

    [Fact]
    public async Task A_path_issuer_without_a_trailing_slash_is_trusted_as_written()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Issuer.RequestedUrls.Should().Contain($"{PathIssuer}/.well-known/openid-configuration");
    }

    [Fact]
    public async Task A_token_whose_iss_adds_a_trailing_slash_to_a_path_issuer_is_rejected()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);

        var response = await api.ClientWithToken(api.Issuer.Token().With("iss", PathIssuer + "/").Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
    }

    [Fact]
    public async Task A_discovery_document_naming_the_issuer_with_a_trailing_slash_is_not_trusted()
    {
        using var api = new ApiFactory().WithIssuer(PathIssuer);
        api.Issuer.DiscoveryIssuer = PathIssuer + "/";

        var response = await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/protected");

        response.Should().BeRejectedWith("The issuer's signing keys are unavailable; try again shortly.");
    }
}

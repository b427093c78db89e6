using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Auth0:RequireAccessTokenType, for issuers that always type their access tokens (RFC 9068).</summary>
public sealed class RequiredAccessTokenTypeTests(RequiredAccessTokenTypeTests.Factory api) : IClassFixture<RequiredAccessTokenTypeTests.Factory>
{
    [Theory]
    [InlineData("at+jwt")]
    [InlineData("application/at+jwt")]
    public async Task An_rfc_9068_typ_is_accepted(string typ)
    {
        var token = api.Issuer.Token().WithHeader("typ", typ).Build();

        (await api.ClientWithToken(token).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Typ_jwt_is_rejected()
    {
        var token = api.Issuer.Token().WithHeader("typ", "JWT").Build();

        (await api.ClientWithToken(token).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token type (typ) is not accepted.");
    }

    [Fact]
    public async Task A_token_without_typ_is_rejected()
    {
        var token = api.Issuer.Token().WithoutHeader("typ").Build();

        (await api.ClientWithToken(token).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token type (typ) is not accepted.");
    }

    public sealed class Factory : ApiFactory
    {
        public Factory() => WithSetting("Auth0:RequireAccessTokenType", "true");
    }
}

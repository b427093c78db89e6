using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class ProductionSafetyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/dev/token")]
    [InlineData("/dev/token?permission=read:admin-messages")]
    [InlineData("/dev/explain")]
    [InlineData("/dev-issuer/.well-known/openid-configuration")]
    [InlineData("/dev-issuer/.well-known/jwks.json")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Development_conveniences_do_not_exist_in_production(string path)
    {
        (await api.CreateClient().GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

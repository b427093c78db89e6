using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/explain says, for each endpoint that needs a permission, what it needs, what the token holds and the
/// status it would answer; <c>accepted</c> says only whether the token gets past authentication (no 401).</summary>
public sealed class ExplainEndpointPermissionsTests(TokenExplainerInDevelopmentTests.Factory api) : IClassFixture<TokenExplainerInDevelopmentTests.Factory>
{
    private const string Admin = "GET /api/messages/admin";

    [Fact]
    public async Task A_token_without_the_permission_fails_the_admin_line_with_403_naming_what_it_needs_and_holds()
    {
        var explanation = await Explain(api.Issuer.Token().WithPermissions("read:messages").Build());

        var admin = Line(explanation, Admin);
        (admin.GetProperty("passed").GetBoolean(), admin.GetProperty("status").GetInt32()).Should().Be((false, 403));
        admin.GetProperty("expected").GetString().Should().Be("read:admin-messages in permissions");
        admin.GetProperty("found").GetString().Should().Be("read:messages");
    }

    [Fact]
    public async Task A_token_without_the_permission_is_still_accepted_since_it_gets_past_authentication()
    {
        var explanation = await Explain(api.Issuer.Token().Build());

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
        Line(explanation, Admin).GetProperty("found").GetString().Should().Be("none");
    }

    [Fact]
    public async Task A_token_with_the_permission_passes_the_admin_line_with_200()
    {
        var explanation = await Explain(api.Issuer.Token().WithPermissions("read:admin-messages").Build());

        var admin = Line(explanation, Admin);
        (admin.GetProperty("passed").GetBoolean(), admin.GetProperty("status").GetInt32()).Should().Be((true, 200));
    }

    [Fact]
    public async Task A_token_not_accepted_gets_401_on_admin_whatever_it_holds()
    {
        var explanation = await Explain(api.Issuer.Token().WithPermissions("read:admin-messages").ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build());

        Line(explanation, Admin).GetProperty("status").GetInt32().Should().Be(401);
    }

    [Fact]
    public async Task Only_endpoints_that_need_a_permission_get_a_line()
    {
        var explanation = await Explain(api.Issuer.Token().Build());

        explanation.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("endpoint").GetString()).Should().Equal(Admin);
    }

    private async Task<JsonElement> Explain(string token)
    {
        await api.KeysLoadedAsync();
        return await (await api.ClientWithToken(token).GetAsync("/dev/explain")).Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Line(JsonElement explanation, string endpoint) =>
        explanation.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("endpoint").GetString() == endpoint);
}

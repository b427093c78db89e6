using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>A token from an issuer the API does not trust is explained as an issuer problem: its kid and signature lines
/// say the issuer's keys are not looked up, never an empty key list that reads like a key problem.</summary>
public sealed class ExplainUntrustedIssuerTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task The_kid_and_signature_lines_say_the_issuer_is_not_trusted_not_that_a_key_is_missing()
    {
        var token = new TestIssuer("https://other-issuer.test/").Token().Build();

        var lines = await KeyLines(token);

        lines.Should().Equal(Enumerable.Repeat("issuer https://other-issuer.test/ is not trusted, so its keys are not looked up", 2));
    }

    [Fact]
    public async Task The_kid_line_names_the_development_issuer_on_another_port_and_the_port_this_api_runs_on()
    {
        var token = new TestIssuer("http://localhost:39076/dev-issuer/").Token().Build();

        var lines = await KeyLines(token);

        lines.First().Should().Be("issuer http://localhost:39076/dev-issuer/ is not trusted, so its keys are not looked up: it is this API's own "
            + "issuer http://localhost:6060/dev-issuer/ on another port. This API runs on PORT=6060: get tokens from its /dev/token, or "
            + "run the token command with PORT=6060");
    }

    private async Task<IEnumerable<string?>> KeyLines(string token)
    {
        var explanation = await (await api.CreateClient().PostAsync("/dev/explain", new StringContent(token))).Content.ReadFromJsonAsync<JsonElement>();
        return explanation.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("check").GetString() is "kid" or "signature")
            .Select(c => c.GetProperty("found").GetString());
    }
}

/// <summary>With a tenant trusted (AUTH0_DOMAIN set), an issuer that differs from it only in its port is named as such.</summary>
public sealed class ExplainUntrustedTenantIssuerTests(TokenExplainerInDevelopmentTests.Factory api) : IClassFixture<TokenExplainerInDevelopmentTests.Factory>
{
    [Fact]
    public async Task The_kid_line_names_the_trusted_issuer_that_differs_only_in_its_port()
    {
        var token = new TestIssuer("https://issuer.test:8443/").Token().Build();

        var explanation = await (await api.CreateClient().PostAsync("/dev/explain", new StringContent(token))).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "kid").GetProperty("found").GetString()
            .Should().Be("issuer https://issuer.test:8443/ is not trusted, so its keys are not looked up: it differs from the trusted issuer https://issuer.test/ only in its port");
    }
}

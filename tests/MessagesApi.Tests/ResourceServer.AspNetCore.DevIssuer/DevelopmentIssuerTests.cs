using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResourceServer.AspNetCore.DevIssuer;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Tests;

public sealed class DevelopmentIssuerTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task Dev_admin_token_gets_the_admin_message()
    {
        var token = await DevToken("?permission=read:admin-messages");

        var response = await Get("/api/messages/admin", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dev_token_without_permission_gets_403_on_admin()
    {
        (await Get("/api/messages/admin", await DevToken(""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dev_token_gets_the_protected_message()
    {
        (await Get("/api/messages/protected", await DevToken(""))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dev_token_response_carries_expiry_and_decoded_claims()
    {
        var body = await api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token?permission=read:admin-messages&sub=alice&lifetime=120");

        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(120);
        body.GetProperty("claims").GetProperty("sub").GetString().Should().Be("alice");
        body.GetProperty("claims").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Equal("read:admin-messages");
        new JsonWebToken(body.GetProperty("access_token").GetString()).Subject.Should().Be("alice");
    }

    [Fact]
    public async Task Dev_token_is_an_rs256_token_from_the_dev_issuer_for_the_configured_audience()
    {
        var jwt = new JsonWebToken(await DevToken(""));

        jwt.Alg.Should().Be("RS256");
        jwt.Issuer.Should().Be("http://localhost:6060/dev-issuer/");
        jwt.Audiences.Should().Equal("https://hello-world.example.com");
    }

    [Theory]
    [InlineData("?permissions=read:admin-messages", "permissions")]
    [InlineData("?permission=read:admin-messages&scope=x", "scope")]
    public async Task Dev_token_refuses_an_unknown_parameter_naming_the_accepted_ones(string query, string unknown)
    {
        var response = await api.CreateClient().GetAsync("/dev/token" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be($"Unknown parameter '{unknown}'; use permission (repeatable), sub, lifetime.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Dev_token_answers_a_bad_lifetime_with_400_naming_the_parameter(string lifetime)
    {
        var response = await api.CreateClient().GetAsync("/dev/token?lifetime=" + lifetime);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().Be("lifetime is in seconds, from 1 to 86400.");
    }

    [Fact]
    public async Task Discovery_document_names_the_issuer_and_its_jwks()
    {
        var discovery = await api.CreateClient().GetFromJsonAsync<JsonElement>("/dev-issuer/.well-known/openid-configuration");

        discovery.GetProperty("issuer").GetString().Should().Be("http://localhost:6060/dev-issuer/");
        discovery.GetProperty("jwks_uri").GetString().Should().Be("http://localhost:6060/dev-issuer/.well-known/jwks.json");
    }

    [Fact]
    public async Task Jwks_publishes_the_public_signing_key_only()
    {
        var jwt = new JsonWebToken(await DevToken(""));

        var jwks = await api.CreateClient().GetStringAsync("/dev-issuer/.well-known/jwks.json");

        jwks.Should().Contain(jwt.Kid).And.NotContain("\"d\"").And.NotContain("PRIVATE");
    }

    [Fact]
    public async Task Rotated_key_signs_new_tokens_that_are_accepted_while_old_tokens_stay_valid()
    {
        var before = await DevToken("");
        api.Services.GetRequiredService<DevSigningKeys>().Rotate();

        var after = await DevToken("");

        new JsonWebToken(after).Kid.Should().NotBe(new JsonWebToken(before).Kid);
        (await Get("/api/messages/protected", after)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Get("/api/messages/protected", before)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Explain_lists_each_check_with_expected_and_found()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/dev/explain") { Content = new StringContent(await DevToken("")) };

        var explanation = await (await api.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
        explanation.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString())
            .Should().Equal("format", "rules", "algorithm", "typ", "issuer", "kid", "signature", "audience", "lifetime", "dpop");
    }

    [Fact]
    public async Task Explain_points_at_the_failing_check()
    {
        var parts = (await DevToken("")).Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        var explanation = await (await Get("/dev/explain", tampered)).Content.ReadFromJsonAsync<JsonElement>();

        explanation.GetProperty("accepted").GetBoolean().Should().BeFalse();
        explanation.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean())
            .Select(c => c.GetProperty("check").GetString()).Should().Equal("signature");
    }

    [Fact]
    public async Task Explain_reports_the_lifetime_of_a_token_whose_exp_is_the_largest_number()
    {
        var token = new TestIssuer().Token().With("exp", long.MaxValue).Build();

        var response = await api.CreateClient().PostAsync("/dev/explain", new StringContent(token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray();
        checks.Single(c => c.GetProperty("check").GetString() == "lifetime").GetProperty("passed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Keys_survive_a_restart_through_the_key_file()
    {
        var kid = new JsonWebToken(await DevToken("")).Kid;

        var reloaded = new DevSigningKeys(Options.Create(new DevIssuerOptions { KeyFile = api.KeyFile }));

        reloaded.Current.KeyId.Should().Be(kid);
    }

    private async Task<string> DevToken(string query) =>
        (await api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token" + query)).GetProperty("access_token").GetString()!;

    private async Task<HttpResponseMessage> Get(string path, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }
}

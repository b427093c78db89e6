using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/explain on an opaque token, with introspection on: the issuer's answer, asked as the API asks it, then
/// the bindings and permissions of the claims the answer holds.</summary>
public sealed class IntrospectionExplainTests : IDisposable
{
    private readonly ApiFactory _api = new ApiFactory { Environment = "Development" }
        .WithSetting("Auth0:Introspection:ClientId", IntrospectionEndpoint.ClientId)
        .WithSetting("Auth0:Introspection:ClientSecret", IntrospectionEndpoint.ClientSecret);

    [Fact]
    public async Task An_active_opaque_token_is_explained_as_accepted_by_its_issuers_answer()
    {
        var explanation = await ExplainAsync(_api.Issuer.Introspection.Issue());

        explanation.GetProperty("accepted").GetBoolean().Should().BeTrue();
        Line(explanation, "introspection").Should().Be((true, "active"));
    }

    [Fact]
    public async Task An_inactive_opaque_token_is_explained_with_the_401_the_api_gives_it()
    {
        var token = _api.Issuer.Introspection.Issue();
        _api.Issuer.Introspection.Revoke(token);

        var explanation = await ExplainAsync(token);

        explanation.GetProperty("accepted").GetBoolean().Should().BeFalse();
        Line(explanation, "introspection").Should().Be((false, "The token is not active (revoked, expired or unknown to its issuer)."));
    }

    [Fact]
    public async Task A_token_revoked_while_its_answer_is_cached_is_explained_as_the_api_still_serves_it()
    {
        var token = _api.Issuer.Introspection.Issue();
        (await _api.ClientWithToken(token).GetAsync("/api/messages/protected")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        _api.Issuer.Introspection.Revoke(token);

        var explanation = await ExplainAsync(token);

        (explanation.GetProperty("accepted").GetBoolean(), _api.Issuer.Introspection.Calls).Should().Be((true, 1));
    }

    [Fact]
    public async Task The_admin_endpoint_line_reads_the_permissions_of_the_answer()
    {
        var explanation = await ExplainAsync(_api.Issuer.Introspection.Issue(new() { ["permissions"] = new[] { "read:admin-messages" } }));

        explanation.GetProperty("endpoints").EnumerateArray().Single().GetProperty("status").GetInt32().Should().Be(200);
    }

    [Fact]
    public async Task A_dpop_bound_answer_is_checked_against_the_proof_sent_with_the_opaque_token()
    {
        var key = new DpopKey();
        var token = _api.Issuer.Introspection.Issue(new() { ["cnf"] = new Dictionary<string, string> { ["jkt"] = key.Thumbprint } });
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("DPoP", token);
        client.DefaultRequestHeaders.Add("DPoP", key.ProofFor("GET", "http://localhost/api/messages/protected", token).Build());

        var explanation = await client.GetFromJsonAsync<JsonElement>("/dev/explain");

        Line(explanation, "dpop").Passed.Should().BeTrue();
    }

    [Fact]
    public async Task A_proof_made_for_another_token_is_explained_as_the_api_refuses_it()
    {
        var key = new DpopKey();
        var token = _api.Issuer.Introspection.Issue(new() { ["cnf"] = new Dictionary<string, string> { ["jkt"] = key.Thumbprint } });
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("DPoP", token);
        client.DefaultRequestHeaders.Add("DPoP", key.ProofFor("GET", "http://localhost/api/messages/protected", _api.Issuer.Introspection.Issue()).Build());

        var explanation = await client.GetFromJsonAsync<JsonElement>("/dev/explain");

        (explanation.GetProperty("accepted").GetBoolean(), Line(explanation, "dpop").Passed).Should().Be((false, false));
    }

    [Fact]
    public async Task Without_introspection_an_opaque_token_is_explained_as_no_jwt_without_a_call()
    {
        using var api = new ApiFactory { Environment = "Development" };

        var explanation = await (await api.CreateClient().PostAsync("/dev/explain", new StringContent(api.Issuer.Introspection.Issue()))).Content.ReadFromJsonAsync<JsonElement>();

        (Line(explanation, "format").Passed, api.Issuer.Introspection.Calls).Should().Be((false, 0));
    }

    private async Task<JsonElement> ExplainAsync(string token) =>
        await (await _api.CreateClient().PostAsync("/dev/explain", new StringContent(token))).Content.ReadFromJsonAsync<JsonElement>();

    private static (bool Passed, string? Found) Line(JsonElement explanation, string name) =>
        explanation.GetProperty("checks").EnumerateArray().Where(check => check.GetProperty("check").GetString() == name)
            .Select(check => (check.GetProperty("passed").GetBoolean(), check.GetProperty("found").GetString())).Single();

    public void Dispose() => _api.Dispose();
}

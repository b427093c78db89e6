using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>/dev/explain on DPoP: the binding, what the mode asks, and why a proof fails, without using the proof up.</summary>
public sealed class DpopExplainTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    private const string ProtectedUrl = "http://localhost:6060/api/messages/protected";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_bound_token_without_a_proof_is_explained_as_not_accepted()
    {
        var token = await BoundToken();

        var dpop = await ExplainDpop(token, proof: null);

        (dpop.GetProperty("passed").GetBoolean(), dpop.GetProperty("found").GetString())
            .Should().Be((false, $"bound to key {_key.Thumbprint}, but no DPoP proof came with it"));
    }

    [Fact]
    public async Task A_bound_token_with_a_proof_that_holds_passes()
    {
        var token = await BoundToken();

        var dpop = await ExplainDpop(token, _key.ProofFor("GET", ProtectedUrl, token).Build());

        (dpop.GetProperty("passed").GetBoolean(), dpop.GetProperty("found").GetString())
            .Should().Be((true, $"bound to key {_key.Thumbprint}; a proof for GET {ProtectedUrl} that holds"));
    }

    [Fact]
    public async Task A_proof_made_for_another_token_is_explained_in_plain_words()
    {
        var token = await BoundToken();

        var dpop = await ExplainDpop(token, _key.ProofFor("GET", ProtectedUrl, "another-token").Build());

        dpop.GetProperty("passed").GetBoolean().Should().BeFalse();
        dpop.GetProperty("found").GetString().Should().EndWith("The DPoP proof is not made for this access token (ath).");
    }

    [Fact]
    public async Task An_unbound_token_is_explained_as_fit_for_bearer()
    {
        var token = (await api.CreateClient().GetFromJsonAsync<JsonElement>("/dev/token")).GetProperty("access_token").GetString()!;

        var dpop = await ExplainDpop(token, proof: null);

        (dpop.GetProperty("passed").GetBoolean(), dpop.GetProperty("found").GetString()).Should().Be((true, "not bound"));
    }

    [Fact]
    public async Task Explaining_a_proof_does_not_use_it_up()
    {
        var token = await BoundToken();
        var proof = _key.ProofFor("GET", ProtectedUrl, token).Build();
        await ExplainDpop(token, proof);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/protected");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        request.Headers.Add("DPoP", proof);

        (await api.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"kty":"EC"}""")]
    [InlineData("""{"kty":"RSA","n":"!!!!","e":"AQAB"}""")]
    [InlineData("""{"kty":"oct","k":"c2VjcmV0"}""")]
    public async Task A_proof_whose_jwk_is_no_usable_public_key_is_explained_not_a_500(string jwk)
    {
        var token = await BoundToken();

        var dpop = await ExplainDpop(token, _key.ProofFor("GET", ProtectedUrl, token).WithHeader("jwk", JsonDocument.Parse(jwk).RootElement).Build());

        dpop.GetProperty("passed").GetBoolean().Should().BeFalse();
    }

    private async Task<string> BoundToken()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dev/token");
        request.Headers.Add("DPoP", _key.ProofFor("GET", "http://localhost:6060/dev/token", "").Without("ath").Build());
        var response = await api.CreateClient().SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private async Task<JsonElement> ExplainDpop(string token, string? proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dev/explain");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        if (proof is not null)
            request.Headers.Add("DPoP", proof);
        var explanation = await (await api.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return explanation.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("check").GetString() == "dpop");
    }
}

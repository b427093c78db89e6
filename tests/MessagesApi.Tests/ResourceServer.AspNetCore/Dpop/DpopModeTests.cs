using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class DpopModeTests
{
    private const string Url = "https://localhost/api/messages/protected";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task By_default_a_plain_bearer_token_is_still_accepted()
    {
        using var api = new ApiFactory().ServingDpop();

        var response = await DpopProofTests.Send(api, api.Issuer.Token().Build(), proof: null, scheme: "Bearer");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Required_mode_refuses_a_bearer_token_before_checking_it()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:Mode", "Required");
        // Checked, this token would be refused for its signature: the reason given shows it never was.
        var forged = api.Issuer.Token().SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build();

        var response = await DpopProofTests.Send(api, forged, proof: null, scheme: "Bearer");

        await DpopProofTests.ShouldBeRefused(response, "invalid_token", "Only DPoP-bound tokens are accepted: send one under the DPoP scheme with a proof.");
        api.Logs.Entries.Should().ContainSingle(e => e.Message.StartsWith("401 for")).Which.Message.Should().Contain(": dpop_required.");
    }

    [Fact]
    public async Task Required_mode_challenges_with_dpop_only()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Dpop:Mode", "Required");

        var response = await api.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be("DPoP algs=\"ES256 ES384 PS256 RS256\"");
    }

    [Fact]
    public async Task Required_mode_accepts_a_bound_token_with_a_proof()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:Mode", "Required");
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabled_mode_refuses_the_dpop_scheme()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:Mode", "Disabled");
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        response.Should().BeRejectedWith("The DPoP scheme is not accepted here; send the token as Bearer.");
    }

    [Fact]
    public async Task Disabled_mode_still_refuses_a_bound_token_as_bearer()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Auth0:Dpop:Mode", "Disabled");

        var response = await DpopProofTests.Send(api, _key.BoundToken(api.Issuer), proof: null, scheme: "Bearer");

        response.Should().BeRejectedWith("The token is bound to a DPoP key: send it under the DPoP scheme with a proof.");
    }

    [Fact]
    public async Task Disabled_mode_challenges_with_bearer_only()
    {
        using var api = new ApiFactory().WithSetting("Auth0:Dpop:Mode", "Disabled");

        var response = await api.CreateClient().GetAsync("/api/messages/protected");

        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }
}

using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>A proof's jti is remembered for replay, so it must be there and at most 256 characters: an empty one names
/// no proof, and a longer one would let a client fill the replay store with its own text.</summary>
public sealed class ProofIdLengthTests
{
    private const string Url = ApiFactory.LocalPublicUrl + "/api/messages/protected";
    private const string LacksClaims = "The DPoP proof lacks jti, htm, htu or iat.";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_jti_of_256_characters_is_accepted()
    {
        using var api = new ApiFactory().ServingDpop();

        var response = await SendWithId(api, new string('j', 256));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_jti_of_257_characters_is_refused()
    {
        using var api = new ApiFactory().ServingDpop();

        var response = await SendWithId(api, new string('j', 257));

        await DpopProofTests.ShouldBeRefused(response, "invalid_dpop_proof", LacksClaims);
    }

    [Fact]
    public async Task An_empty_jti_is_refused()
    {
        using var api = new ApiFactory().ServingDpop();

        var response = await SendWithId(api, "");

        await DpopProofTests.ShouldBeRefused(response, "invalid_dpop_proof", LacksClaims);
    }

    private Task<HttpResponseMessage> SendWithId(ApiFactory api, string jti)
    {
        var token = _key.BoundToken(api.Issuer);
        return DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("jti", jti).Build());
    }
}

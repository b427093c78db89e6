using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The in-process replay store shared fairly: a key over its share of <c>Auth0:Dpop:MaxRememberedProofs</c> is
/// the only one refused (429 with <c>Retry-After</c>), proofs are forgotten once their window has passed, and a proof is
/// remembered for its whole window whatever is forgotten around it. On a fake clock: nothing here sleeps.</summary>
public sealed class DpopReplayShareTests
{
    private const string Url = ApiFactory.LocalPublicUrl + "/api/messages/protected";

    // A quarter of 3 proofs, at least 1: each key may have one proof remembered at once.
    private readonly ApiFactory _api = new ApiFactory().ServingDpop().WithFakeClock().WithSetting("Auth0:Dpop:MaxRememberedProofs", "3");
    private readonly DpopKey _first = new();
    private readonly DpopKey _second = new();

    [Fact]
    public async Task A_key_over_its_share_gets_429_with_Retry_After_and_a_message()
    {
        var token = _first.BoundToken(_api.Issuer);
        (await Send(_first, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await Send(_first, token);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        // The proof is remembered for ProofMaxAge and twice the clock skew (3 minutes), in a bucket of an eighth of
        // ProofMaxAge (15 s) dropped whole once its time has passed.
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(180, 195);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("message").GetString().Should().Be(
            "This DPoP key has as many proofs remembered as it may have at once; retry after the time in Retry-After.");
    }

    [Fact]
    public async Task Another_key_gets_200_while_one_key_is_over_its_share()
    {
        var greedy = _first.BoundToken(_api.Issuer);
        for (var i = 0; i < 3; i++)
            await Send(_first, greedy);

        var response = await Send(_second, _second.BoundToken(_api.Issuer));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_over_its_share_is_served_again_after_Retry_After()
    {
        var token = _first.BoundToken(_api.Issuer);
        await Send(_first, token);
        var refused = await Send(_first, token);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        _api.Clock!.Advance(refused.Headers.RetryAfter!.Delta!.Value);

        (await Send(_first, token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_replayed_proof_is_refused_until_its_window_ends_though_older_proofs_are_forgotten_meanwhile()
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock().WithSetting("Auth0:Dpop:MaxKeyShare", "1");
        var token = _first.BoundToken(api.Issuer);
        // The oldest iat accepted (ProofMaxAge 2 min plus 30 s of skew): remembered 30 s, in a bucket dropped long
        // before the fresh proof's.
        var now = api.Clock!.GetUtcNow();
        (await Send(api, _first, token, iat: now.AddSeconds(-149))).StatusCode.Should().Be(HttpStatusCode.OK);
        var proof = Proof(_first, token, now);
        (await DpopProofTests.Send(api, token, proof)).StatusCode.Should().Be(HttpStatusCode.OK);
        // The last moment the proof's iat is still accepted: ProofMaxAge plus the clock skew, less the iat's rounding.
        api.Clock.Advance(TimeSpan.FromSeconds(149));

        var replay = await DpopProofTests.Send(api, token, proof);

        await DpopProofTests.ShouldBeRefused(replay, "invalid_dpop_proof", "The DPoP proof was used before; make a new one for each request.");
    }

    private Task<HttpResponseMessage> Send(DpopKey key, string token) => Send(_api, key, token, _api.Clock!.GetUtcNow());

    private static Task<HttpResponseMessage> Send(ApiFactory api, DpopKey key, string token, DateTimeOffset iat) =>
        DpopProofTests.Send(api, token, Proof(key, token, iat));

    private static string Proof(DpopKey key, string token, DateTimeOffset iat) =>
        key.ProofFor("GET", Url, token).With("iat", iat.ToUnixTimeSeconds()).Build();
}

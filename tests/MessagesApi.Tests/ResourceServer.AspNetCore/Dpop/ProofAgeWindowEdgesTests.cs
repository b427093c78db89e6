using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The edges of the window a proof's iat must fall in (RFC 9449 §11.1): no later than Auth0:ClockSkew (30 s)
/// ahead of the API's clock, no earlier than Dpop:ProofMaxAge (2 min) plus that skew behind it; a second past either
/// edge is refused. On the fake clock, set to a whole second, so the edges are exact.</summary>
public sealed class ProofAgeWindowEdgesTests
{
    private const string Url = ApiFactory.LocalPublicUrl + "/api/messages/protected";
    private const string NotJustNow = "The DPoP proof was not made just now (iat).";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_proof_made_the_clock_skew_ahead_is_accepted()
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();

        var response = await SendMadeAt(api, now => now + Skew);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_proof_made_a_second_beyond_the_clock_skew_ahead_is_refused()
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();

        var response = await SendMadeAt(api, now => now + Skew + TimeSpan.FromSeconds(1));

        await DpopProofTests.ShouldBeRefused(response, "invalid_dpop_proof", NotJustNow);
    }

    [Fact]
    public async Task A_proof_as_old_as_the_max_age_and_the_clock_skew_is_accepted()
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();

        var response = await SendMadeAt(api, now => now - MaxAge - Skew);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_proof_a_second_older_than_the_max_age_and_the_clock_skew_is_refused()
    {
        using var api = new ApiFactory().ServingDpop().WithFakeClock();

        var response = await SendMadeAt(api, now => now - MaxAge - Skew - TimeSpan.FromSeconds(1));

        await DpopProofTests.ShouldBeRefused(response, "invalid_dpop_proof", NotJustNow);
    }

    private async Task<HttpResponseMessage> SendMadeAt(ApiFactory api, Func<DateTimeOffset, DateTimeOffset> issuedAt)
    {
        var token = _key.BoundToken(api.Issuer);
        await api.KeysLoadedAsync();
        var clock = api.Clock!;
        clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));
        var proof = _key.ProofFor("GET", Url, token).With("iat", issuedAt(clock.GetUtcNow()).ToUnixTimeSeconds()).Build();
        return await DpopProofTests.Send(api, token, proof);
    }
}

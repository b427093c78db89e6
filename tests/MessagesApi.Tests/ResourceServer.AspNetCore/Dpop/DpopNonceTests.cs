using System.Net;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

public sealed class DpopNonceTests
{
    private const string Url = "https://localhost/api/messages/protected";
    private const string NonceKey = "a-nonce-key-shared-by-every-replica-0123456789";
    private readonly DpopKey _key = new();

    [Fact]
    public async Task A_proof_without_a_nonce_gets_use_dpop_nonce_and_a_fresh_nonce()
    {
        using var api = WithNonces();
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        await DpopProofTests.ShouldBeRefused(response, "use_dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");
        response.Headers.GetValues("DPoP-Nonce").Single().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_proof_with_the_nonce_the_api_gave_is_accepted_and_given_a_nonce_for_the_next_proof()
    {
        using var api = WithNonces();
        var token = _key.BoundToken(api.Issuer);
        var nonce = await NonceFrom(api, token);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("nonce", nonce).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("DPoP-Nonce").Single().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Where_nonces_are_not_required_none_is_sent()
    {
        using var api = new ApiFactory().ServingDpop();
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());

        response.Headers.Contains("DPoP-Nonce").Should().BeFalse();
    }

    [Fact]
    public async Task A_bearer_token_refused_for_another_reason_is_given_no_nonce()
    {
        using var api = WithNonces();

        var response = await api.ClientWithToken(api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build()).GetAsync("/api/messages/protected");

        (response.StatusCode, response.Headers.Contains("DPoP-Nonce")).Should().Be((HttpStatusCode.Unauthorized, false));
    }

    [Fact]
    public async Task A_made_up_nonce_is_refused()
    {
        using var api = WithNonces();
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").Build());

        await DpopProofTests.ShouldBeRefused(response, "use_dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");
    }

    [Theory]
    [InlineData("not-the-nonce")]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    public async Task A_nonce_the_api_never_issued_gets_use_dpop_nonce_never_a_500(string nonce)
    {
        using var api = WithNonces();
        var token = _key.BoundToken(api.Issuer);

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("nonce", nonce).Build());

        await DpopProofTests.ShouldBeRefused(response, "use_dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");
    }

    [Fact]
    public async Task A_nonce_from_another_replica_with_the_same_key_is_accepted()
    {
        using var first = WithNonces();
        using var second = WithNonces();
        var token = _key.BoundToken(first.Issuer);
        var nonce = await NonceFrom(first, token);
        var tokenForSecond = _key.BoundToken(second.Issuer);

        var response = await DpopProofTests.Send(second, tokenForSecond, _key.ProofFor("GET", Url, tokenForSecond).With("nonce", nonce).Build());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nonce_two_lifetimes_old_is_refused()
    {
        using var api = WithNonces().WithFakeClock();
        var token = _key.BoundToken(api.Issuer);
        var nonce = await NonceFrom(api, token);

        api.Clock!.Advance(TimeSpan.FromMinutes(10));

        // The proof's iat follows the API's clock, so only the nonce is stale.
        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("nonce", nonce)
            .With("iat", api.Clock.GetUtcNow().ToUnixTimeSeconds()).Build());
        await DpopProofTests.ShouldBeRefused(response, "use_dpop_nonce", "Use the nonce in the DPoP-Nonce header in a new proof.");
    }

    [Fact]
    public async Task A_nonce_one_lifetime_old_is_still_accepted()
    {
        using var api = WithNonces().WithFakeClock();
        var token = _key.BoundToken(api.Issuer);
        var nonce = await NonceFrom(api, token);

        api.Clock!.Advance(TimeSpan.FromMinutes(5));

        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).With("nonce", nonce)
            .With("iat", api.Clock.GetUtcNow().ToUnixTimeSeconds()).Build());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static ApiFactory WithNonces() => new ApiFactory().ServingDpop()
        .WithSetting("Auth0:Dpop:RequireNonce", "true")
        .WithSetting("Auth0:Dpop:NonceKey", NonceKey);

    private async Task<string> NonceFrom(ApiFactory api, string token)
    {
        var response = await DpopProofTests.Send(api, token, _key.ProofFor("GET", Url, token).Build());
        return response.Headers.GetValues("DPoP-Nonce").Single();
    }
}

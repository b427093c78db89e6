using System.Diagnostics;
using System.Net;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Keys;
using Xunit.Abstractions;

namespace MessagesApi.Tests;

public sealed class KeyRotationTests(ITestOutputHelper output) : IDisposable
{
    private readonly ApiFactory _api = new ApiFactory().WithSetting("Auth0:OnDemandRefreshThrottle", "00:00:01");

    [Fact]
    public async Task Token_signed_by_a_newly_published_key_is_accepted_without_restart()
    {
        await _api.KeysLoadedAsync();
        _api.Issuer.Rotate();

        (await Protected(_api.Issuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Flood_of_unknown_kids_causes_a_handful_of_fetches_while_valid_tokens_keep_working()
    {
        await Warm();
        var fetchesBefore = _api.Issuer.JwksRequests;
        var valid = _api.Issuer.Token().Build();
        var attacker = new SigningKey();
        var flood = Enumerable.Range(0, 1000)
            .Select(_ => _api.Issuer.Token().SignedWith(attacker).WithHeader("kid", Guid.NewGuid().ToString("N")).Build()).ToArray();
        var started = Stopwatch.StartNew();

        var floodStatuses = await Task.WhenAll(flood.Select(async token => (await Protected(token)).StatusCode));
        var validStatus = (await Protected(valid)).StatusCode;

        floodStatuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        validStatus.Should().Be(HttpStatusCode.OK);
        var fetches = _api.Issuer.JwksRequests - fetchesBefore;
        output.WriteLine($"1000 unknown kids in {started.Elapsed.TotalSeconds:F1} s caused {fetches} JWKS fetches");
        fetches.Should().BeLessThanOrEqualTo(1 + (int)started.Elapsed.TotalSeconds, "one fetch per throttle interval (1 s here) at most");
    }

    [Fact]
    public async Task Withdrawn_key_is_rejected_after_the_next_scheduled_refresh()
    {
        using var api = new ApiFactory().WithFakeClock();
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        await api.KeysLoadedAsync();
        (await api.ClientWithToken(token).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);

        api.Issuer.Rotate();
        api.Issuer.Withdraw(old);
        await api.RunScheduledKeyRefreshAsync();

        (await api.ClientWithToken(token).GetAsync("/api/messages/protected")).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Theory]
    [InlineData(IssuerState.Refusing)]
    [InlineData(IssuerState.Failing)]
    [InlineData(IssuerState.Hanging)]
    public async Task Issuer_outage_after_warm_up_keeps_the_last_keys_through_a_failed_scheduled_refresh(IssuerState outage)
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:BackchannelTimeout", "00:00:01");
        await api.KeysLoadedAsync();
        var requestsBefore = api.Issuer.Requests;
        api.Issuer.State = outage;

        await api.RunScheduledKeyRefreshAsync();

        api.Issuer.Requests.Should().BeGreaterThan(requestsBefore, "the refresher must have tried the issuer during the outage");
        (await api.ClientWithToken(api.Issuer.Token().WithPermissions("x").Build()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.CreateClient().GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(IssuerState.Refusing)]
    [InlineData(IssuerState.Failing)]
    [InlineData(IssuerState.Hanging)]
    public async Task Issuer_outage_after_warm_up_keeps_the_last_keys_through_a_failed_on_demand_refresh(IssuerState outage)
    {
        using var api = new ApiFactory().WithSetting("Auth0:BackchannelTimeout", "00:00:01");
        await api.KeysLoadedAsync();
        var requestsBefore = api.Issuer.Requests;
        api.Issuer.State = outage;

        var unknownKid = await api.ClientWithToken(api.Issuer.Token().SignedWith(new SigningKey()).Build()).GetAsync("/api/messages/protected");

        api.Issuer.Requests.Should().BeGreaterThan(requestsBefore, "the unknown kid must have sent the API to the issuer during the outage");
        unknownKid.Should().BeRejectedWith("The token is signed with an unknown key (kid).");
        (await api.ClientWithToken(api.Issuer.Token().WithPermissions("x").Build()).GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Hung_issuer_delays_an_unknown_kid_no_longer_than_the_backchannel_timeout()
    {
        using var api = new ApiFactory().WithSetting("Auth0:BackchannelTimeout", "00:00:01");
        await api.KeysLoadedAsync();
        api.Issuer.State = IssuerState.Hanging;
        var requestsBefore = api.Issuer.Requests;
        var elapsed = Stopwatch.StartNew();

        var response = await api.ClientWithToken(api.Issuer.Token().SignedWith(new SigningKey()).Build()).GetAsync("/api/messages/protected");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Issuer.Requests.Should().BeGreaterThan(requestsBefore, "the request must have waited on the hung issuer");
        // The issuer hangs forever, so without the 1 s timeout the request would wait out HttpClient's 100 s default: a
        // bound far from both stays true on a loaded machine and still fails when the timeout is not applied.
        elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cold_start_with_the_issuer_down_answers_401_keys_unavailable_then_recovers_without_restart()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:OnDemandRefreshThrottle", "00:00:01");
        api.Issuer.State = IssuerState.Refusing;
        var token = api.Issuer.Token().Build();
        var client = api.ClientWithToken(token);
        await Eventually.Until(() => api.Issuer.Requests > 0, TimeSpan.FromSeconds(30), "the start-up fetch to reach the issuer");

        var whileDown = await client.GetAsync("/api/messages/protected");
        api.Issuer.State = IssuerState.Up;
        api.Clock!.Advance(TimeSpan.FromSeconds(1));

        whileDown.Should().BeRejectedWith("The issuer's signing keys are unavailable; try again shortly.");
        (await client.GetAsync("/api/messages/protected")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_failed_scheduled_fetch_is_retried_after_15_seconds_not_a_whole_refresh_interval()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:KeyRefreshInterval", "01:00:00");
        api.Issuer.State = IssuerState.Refusing;
        var issuer = api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single();
        await Eventually.Until(() => api.Clock!.TimersCreated >= 1, TimeSpan.FromSeconds(30), "the refresher waiting after its failed start-up fetch");
        api.Issuer.State = IssuerState.Up;

        api.Clock!.Advance(TimeSpan.FromSeconds(15));

        await Eventually.Until(() => issuer.Current is not null, TimeSpan.FromSeconds(30), "the keys fetched by the retry");
    }

    [Fact]
    public async Task A_refresh_asked_for_while_one_is_under_way_joins_it_rather_than_fetching_again()
    {
        await _api.KeysLoadedAsync();
        var issuer = _api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single();

        var first = issuer.RefreshAsync();
        var second = issuer.RefreshAsync();
        await Task.WhenAll(first, second);

        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task An_on_demand_refresh_within_the_throttle_neither_fetches_nor_reports_keys_fetched()
    {
        using var api = new ApiFactory().WithFakeClock().WithSetting("Auth0:OnDemandRefreshThrottle", "00:00:01");
        api.Issuer.State = IssuerState.Refusing;
        var issuer = api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single();
        await issuer.RefreshAsync();
        (await issuer.RefreshOnDemandAsync()).Should().BeFalse();
        api.Issuer.State = IssuerState.Up;
        var requests = api.Issuer.Requests;

        var throttled = await issuer.RefreshOnDemandAsync();

        throttled.Should().BeFalse();
        api.Issuer.Requests.Should().Be(requests);
    }

    [Fact]
    public async Task Public_answers_while_the_issuer_is_down_at_cold_start()
    {
        _api.Issuer.State = IssuerState.Refusing;

        (await _api.CreateClient().GetAsync("/api/messages/public")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _api.CreateClient().GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await _api.CreateClient().GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task Warm()
    {
        await _api.KeysLoadedAsync();
        (await Protected(_api.Issuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> Protected(string token) => _api.ClientWithToken(token).GetAsync("/api/messages/protected");

    public void Dispose() => _api.Dispose();
}

public sealed class MultipleIssuerTests : IDisposable
{
    private readonly ApiFactory _api = new ApiFactory().WithSecondIssuer();

    [Fact]
    public async Task Tokens_from_either_listed_issuer_are_accepted()
    {
        (await Protected(_api.Issuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Protected(_api.SecondIssuer!.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_issuer_rotates_its_own_keys()
    {
        await _api.KeysLoadedAsync();
        var fetches = (_api.Issuer.JwksRequests, _api.SecondIssuer!.JwksRequests);
        _api.Issuer.Rotate();
        _api.SecondIssuer!.Rotate();

        (await Protected(_api.Issuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Protected(_api.SecondIssuer.Token().Build())).StatusCode.Should().Be(HttpStatusCode.OK);
        _api.Issuer.JwksRequests.Should().Be(fetches.Item1 + 1);
        _api.SecondIssuer.JwksRequests.Should().Be(fetches.Item2 + 1);
    }

    [Fact]
    public async Task One_issuers_key_does_not_verify_a_token_claiming_the_other_issuer()
    {
        var forged = _api.SecondIssuer!.Token().SignedWith(_api.Issuer.CurrentKey).Build();

        (await Protected(forged)).Should().BeRejectedWith("The token is signed with an unknown key (kid).");
    }

    [Fact]
    public async Task Unlisted_issuer_is_rejected_before_any_fetch()
    {
        await _api.KeysLoadedAsync();
        var fetches = _api.Issuer.Requests + _api.SecondIssuer!.Requests;

        var response = await Protected(_api.Issuer.Token().With("iss", "https://unlisted.example/").SignedWith(new SigningKey()).Build());

        response.Should().BeRejectedWith("The token is not issued by a trusted issuer.");
        (_api.Issuer.Requests + _api.SecondIssuer.Requests).Should().Be(fetches);
    }

    private Task<HttpResponseMessage> Protected(string token) => _api.ClientWithToken(token).GetAsync("/api/messages/protected");

    public void Dispose() => _api.Dispose();
}

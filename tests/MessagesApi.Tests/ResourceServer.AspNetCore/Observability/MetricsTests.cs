using System.Net;
using System.Text.RegularExpressions;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Keys;

namespace MessagesApi.Tests;

// OpenTelemetry listens to meters by name across the process, so the API instances of tests running alongside would
// add to these counts: this class runs on its own.
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTestsCollection;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    [Fact]
    public async Task Prometheus_endpoint_counts_authentication_and_authorization_failures_by_reason()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics");
        var expired = api.Issuer.Token().ExpiresAt(DateTimeOffset.UtcNow.AddHours(-1)).Build();
        await api.ClientWithToken(expired).GetAsync("/api/messages/protected");
        await api.ClientWithToken(expired).GetAsync("/api/messages/protected");
        await api.CreateClient().GetAsync("/api/messages/protected");
        await api.ClientWithToken(api.Issuer.Token().Build()).GetAsync("/api/messages/admin");

        var metrics = await ScrapeIncluding(api, "messages_api_authorization_failures_total{");

        Counter(metrics, "messages_api_authentication_failures_total", "reason=\"expired\"").Should().Be(2);
        Counter(metrics, "messages_api_authentication_failures_total", "reason=\"missing_token\"").Should().Be(1);
        Counter(metrics, "messages_api_authorization_failures_total", "permission=\"read:admin-messages\"").Should().Be(1);
        Counter(metrics, "messages_api_signing_keys_refreshes_total", "result=\"success\"").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_key_fetch_that_fails_is_counted_as_a_failure()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics");
        api.Issuer.State = IssuerState.Refusing;
        await api.Services.GetRequiredService<IssuerKeyStore>().Issuers.Single().RefreshAsync();

        var metrics = await ScrapeIncluding(api, "messages_api_signing_keys_refreshes_total{");

        Counter(metrics, "messages_api_signing_keys_refreshes_total", "result=\"failure\"").Should().BeGreaterThan(0);
        Counter(metrics, "messages_api_signing_keys_refreshes_total", "result=\"success\"").Should().Be(0);
    }

    [Fact]
    public async Task Dpop_refusals_answered_503_or_429_are_counted_by_reason()
    {
        using var down = new ApiFactory().ServingDpop().WithSetting("Observability:PrometheusPath", "/metrics")
            .WithServices(services => services.AddSingleton<IDpopReplayCache, UnavailableReplayCache>());
        using var full = new ApiFactory().ServingDpop().WithSetting("Observability:PrometheusPath", "/metrics").WithSetting("Auth0:Dpop:MaxRememberedProofs", "3");
        var key = new DpopKey();
        await DpopProofTests.SendBound(down, key);
        for (var i = 0; i < 2; i++)
            await DpopProofTests.SendBound(full, key);

        var unavailable = await ScrapeIncluding(down, "reason=\"dpop_replay_cache_unavailable\"");
        var overShare = await ScrapeIncluding(full, "reason=\"dpop_key_over_share\"");

        Counter(unavailable, "messages_api_authentication_failures_total", "reason=\"dpop_replay_cache_unavailable\"").Should().Be(1);
        Counter(overShare, "messages_api_authentication_failures_total", "reason=\"dpop_key_over_share\"").Should().Be(1);
    }

    [Fact]
    public async Task Rejections_whose_log_line_is_not_written_are_still_counted()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics").WithSetting("Observability:RejectionLog:LinesPerInterval", "1");
        var client = api.ClientWithToken(api.Issuer.Token().With("aud", "https://another-api.example").Build());
        for (var i = 0; i < 3; i++)
            await client.GetAsync("/api/messages/protected");

        var metrics = await ScrapeIncluding(api, "reason=\"wrong_audience\"");

        Counter(metrics, "messages_api_authentication_failures_total", "reason=\"wrong_audience\"").Should().Be(3);
    }

    [Fact]
    public async Task Prometheus_endpoint_reports_request_durations_per_route_and_status()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics");
        await api.CreateClient().GetAsync("/api/messages/public");

        var metrics = await ScrapeIncluding(api, "http_route=\"/api/messages/public\"");

        metrics.Should().MatchRegex("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/messages/public\"");
    }

    [Fact]
    public async Task Token_cache_hits_and_misses_are_counted()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics");
        var token = api.Issuer.Token().Build();
        for (var i = 0; i < 3; i++)
            await api.ClientWithToken(token).GetAsync("/api/messages/protected");

        var metrics = await ScrapeIncluding(api, "result=\"hit\"");

        Counter(metrics, "messages_api_token_cache_lookups_total", "result=\"miss\"").Should().Be(1);
        Counter(metrics, "messages_api_token_cache_lookups_total", "result=\"hit\"").Should().Be(2);
    }

    [Fact]
    public async Task A_cached_token_whose_keys_have_changed_is_counted_as_a_miss()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics");
        var old = api.Issuer.CurrentKey;
        var token = api.Issuer.Token().Build();
        await api.ClientWithToken(token).GetAsync("/api/messages/protected");
        api.Issuer.Rotate();
        api.Issuer.Withdraw(old);
        await api.KeysLoadedAsync();

        await api.ClientWithToken(token).GetAsync("/api/messages/protected");

        var metrics = await ScrapeIncluding(api, "reason=\"unknown_signing_key\"");
        Counter(metrics, "messages_api_token_cache_lookups_total", "result=\"miss\"").Should().Be(2);
        Counter(metrics, "messages_api_token_cache_lookups_total", "result=\"hit\"").Should().Be(0);
    }

    [Fact]
    public async Task Throttling_decisions_are_counted_by_action()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics")
            .WithSetting("Clients:FailureBudget:Burst", "1")
            .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
            .WithSetting("Clients:FailureBudget:HoldTime", "00:00:00");
        for (var i = 0; i < 3; i++)
            await api.ClientFrom("198.51.100.7", api.Issuer.Token().SignedWith(new SigningKey(api.Issuer.CurrentKey.KeyId)).Build()).GetAsync("/api/messages/protected");

        var metrics = await ScrapeIncluding(api, "messages_api_clients_throttled_total{");

        Counter(metrics, "messages_api_clients_throttled_total", "action=\"held\"").Should().Be(2);
    }

    [Fact]
    public async Task Requests_refused_past_the_held_limit_are_counted_as_refused()
    {
        using var api = new ApiFactory().WithSetting("Observability:PrometheusPath", "/metrics").WithFakeClock()
            .WithSetting("Clients:FailureBudget:Burst", "1")
            .WithSetting("Clients:FailureBudget:RefillInterval", "01:00:00")
            .WithSetting("Clients:FailureBudget:HoldTime", "00:00:05")
            .WithSetting("Clients:FailureBudget:MaxHeldRequests", "1");
        await SendBadSignature(api);
        var timers = api.Clock!.TimersCreated;
        _ = SendBadSignature(api);
        await Eventually.Until(() => api.Clock.TimersCreated > timers, TimeSpan.FromSeconds(10), "the first request over the budget to be held");
        await SendBadSignature(api);

        var metrics = await ScrapeIncluding(api, "action=\"refused\"");

        Counter(metrics, "messages_api_clients_throttled_total", "action=\"refused\"").Should().Be(1);
    }

    [Fact]
    public async Task The_DPoP_replay_stores_fill_level_is_a_gauge()
    {
        using var api = new ApiFactory().ServingDpop().WithSetting("Observability:PrometheusPath", "/metrics");
        var key = new DpopKey();
        var token = key.BoundToken(api.Issuer);
        for (var i = 0; i < 2; i++)
            await DpopProofTests.Send(api, token, key.ProofFor("GET", ApiFactory.LocalPublicUrl + "/api/messages/protected", token).Build());

        var metrics = await ScrapeIncluding(api, "messages_api_dpop_replay_store_proofs");

        Gauge(metrics, "messages_api_dpop_replay_store_proofs").Should().Be(2);
    }

    [Fact]
    public async Task Prometheus_endpoint_is_off_by_default()
    {
        using var api = new ApiFactory();

        (await api.CreateClient().GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> SendBadSignature(ApiFactory api) =>
        api.ClientFrom("198.51.100.7", api.Issuer.ForgedToken())
            .GetAsync("/api/messages/protected");

    /// <summary>Scrapes until the series of the test's last measurement shows up: a request's duration is recorded after
    /// its response is sent, and the exporter may serve a scrape it cached a moment earlier.</summary>
    internal static async Task<string> ScrapeIncluding(ApiFactory api, string series)
    {
        var client = api.CreateClient();
        var metrics = "";
        await Eventually.Until(async () => (metrics = await client.GetStringAsync("/metrics")).Contains(series), TimeSpan.FromSeconds(10), $"a scrape with {series}");
        return metrics;
    }

    /// <summary>The value of a series without labels of its own, or null while the scrape does not hold it.</summary>
    internal static double? Gauge(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal));
        if (line is null)
            return null;
        var value = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
        return double.Parse(value.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static double Counter(string metrics, string name, string label) =>
        metrics.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}

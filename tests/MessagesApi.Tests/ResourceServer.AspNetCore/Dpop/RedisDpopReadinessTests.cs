using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>With the Redis replay store, Redis is an optional dependency: while it does not answer, DPoP requests get 503
/// but the API stays ready, as it still serves Bearer requests; /readyz says it is degraded and why in plain words (never
/// where Redis lives), a metric says whether Redis answers, and the outage is logged once when it starts and once when it
/// ends, not on every probe. Once Redis is back, all is well again without a restart.</summary>
// The metric's tests scrape OpenTelemetry, which listens to meters by name across the process: every test here runs
// apart from the other metrics tests, so no other instance reports the same gauge.
[Collection(nameof(MetricsTests))]
public sealed class RedisDpopReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(30);
    private const string Url = ApiFactory.LocalPublicUrl + "/api/messages/protected";
    private const string AvailableGauge = "messages_api_dpop_replay_store_available";

    private readonly RedisProcess _redis = new();
    private readonly ApiFactory _api;
    private readonly DpopKey _key = new();

    public RedisDpopReadinessTests() =>
        _api = new ApiFactory().ServingDpop().WithSetting("Observability:PrometheusPath", "/metrics")
            .WithServices(services => services.AddRedisDpopReplayCache(_redis.Configuration));

    private const string Unreachable = "DPoP's Redis is unreachable: DPoP requests get 503 until it is back; Bearer requests are served.";

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [RedisFact]
    public async Task While_redis_is_down_the_readiness_check_is_degraded_saying_why()
    {
        await _redis.StopAsync();

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Be(Unreachable);
    }

    [RedisFact]
    public async Task Once_redis_is_back_the_readiness_check_is_healthy()
    {
        // Connected, then seen down: what comes back is a reconnection.
        await CheckAsync();
        await _redis.StopAsync();
        await CheckAsync();

        await _redis.StartAsync();

        await Eventually.Until(async () => (await CheckAsync()).Status == HealthStatus.Healthy, ReconnectLimit,
            "the readiness check still failed after Redis came back");
    }

    [RedisFact]
    public async Task While_redis_is_down_readyz_answers_200_degraded_saying_dpop_requests_get_503()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();

        var response = await _api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Degraded");
        body.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()).Should().Equal(Unreachable);
    }

    [RedisFact]
    public async Task While_redis_is_down_and_readyz_answers_200_a_dpop_request_gets_503_with_its_reason()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();
        (await _api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath)).StatusCode.Should().Be(HttpStatusCode.OK);
        var token = _key.BoundToken(_api.Issuer);

        var response = await DpopProofTests.Send(_api, token, _key.ProofFor("GET", Url, token).Build());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("message").GetString().Should().Be("DPoP proofs cannot be checked for replay right now; try again shortly.");
    }

    [RedisFact]
    public async Task While_redis_answers_readyz_answers_200_healthy()
    {
        await _api.KeysLoadedAsync();

        var response = await _api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Healthy");
    }

    [RedisFact]
    public async Task While_redis_is_down_no_readyz_answer_logs_an_error()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();

        await ProbeAsync(times: 3);

        _api.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Should().BeEmpty();
    }

    [RedisFact]
    public async Task Redis_going_down_is_logged_once_as_a_warning_with_why_however_many_probes()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();

        await ProbeAsync(times: 3);

        var warning = _api.Logs.Entries.Where(entry => entry.Level >= LogLevel.Warning).Should().ContainSingle().Which;
        warning.Category.Should().EndWith(nameof(RedisDpopHealthCheck));
        warning.Exception.Should().NotBeNull();
        warning.Message.Should().StartWith($"DPoP's Redis at 127.0.0.1:{_redis.Port} is unreachable");
    }

    [RedisFact]
    public async Task Redis_coming_back_is_logged_once_as_information()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();
        await ProbeAsync(times: 1);
        await _redis.StartAsync();
        await Eventually.Until(async () => (await CheckAsync()).Status == HealthStatus.Healthy, ReconnectLimit, "Redis answering again");

        await ProbeAsync(times: 3);

        _api.Logs.Entries.Where(entry => entry.Level == LogLevel.Information && entry.Category.EndsWith(nameof(RedisDpopHealthCheck), StringComparison.Ordinal))
            .Should().ContainSingle().Which.Message.Should().StartWith($"DPoP's Redis at 127.0.0.1:{_redis.Port} answers again");
    }

    [RedisFact]
    public async Task While_redis_answers_the_replay_store_metric_is_1()
    {
        await _api.KeysLoadedAsync();

        await ProbeAsync(times: 1);

        await GaugeShouldBecomeAsync(1);
    }

    [RedisFact]
    public async Task While_redis_is_down_the_replay_store_metric_is_0()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();

        await ProbeAsync(times: 1);

        await GaugeShouldBecomeAsync(0);
    }

    private async Task ProbeAsync(int times)
    {
        var client = _api.CreateClient();
        for (var i = 0; i < times; i++)
            await client.GetAsync(HealthEndpoints.ReadinessPath);
    }

    /// <summary>Scrapes until the gauge shows <paramref name="expected"/>: the exporter may serve a scrape it cached a
    /// moment before the probe.</summary>
    private async Task GaugeShouldBecomeAsync(double expected)
    {
        var client = _api.CreateClient();
        await Eventually.Until(async () => MetricsTests.Gauge(await client.GetStringAsync("/metrics"), AvailableGauge) == expected,
            TimeSpan.FromSeconds(10), $"{AvailableGauge} to be {expected}");
    }

    private async Task<HealthReportEntry> CheckAsync() =>
        (await _api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == RedisDpopReplayCacheSetup.HealthCheckName))
            .Entries[RedisDpopReplayCacheSetup.HealthCheckName];
}

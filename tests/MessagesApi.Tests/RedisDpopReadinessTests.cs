using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagesApi.Auth;
using MessagesApi.Health;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MessagesApi.Tests;

/// <summary>With the Redis replay store, the API is not ready while its Redis does not answer, and /readyz says so in
/// plain words; it is ready again once Redis is back, without a restart.</summary>
public sealed class RedisDpopReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(30);

    private readonly RedisProcess _redis = new();
    private readonly ApiFactory _api;

    public RedisDpopReadinessTests() =>
        _api = new ApiFactory().WithServices(services => services.AddRedisDpopReplayCache(_redis.Configuration));

    private const string Unreachable = "DPoP's Redis is unreachable: DPoP requests are refused with 503 until it is back.";

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [RedisFact]
    public async Task While_redis_is_down_the_readiness_check_is_unhealthy_saying_why()
    {
        await _redis.StopAsync();

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Unhealthy);
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
    public async Task While_redis_is_down_readyz_answers_503_with_the_reason()
    {
        await _api.KeysLoadedAsync();
        await _redis.StopAsync();

        var response = await _api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Unhealthy");
        body.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()).Should().Equal(Unreachable);
    }

    [RedisFact]
    public async Task While_redis_answers_readyz_answers_200()
    {
        await _api.KeysLoadedAsync();

        var response = await _api.CreateClient().GetAsync(HealthEndpoints.ReadinessPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HealthReportEntry> CheckAsync() =>
        (await _api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == RedisDpopReplayCacheSetup.HealthCheckName))
            .Entries[RedisDpopReplayCacheSetup.HealthCheckName];
}

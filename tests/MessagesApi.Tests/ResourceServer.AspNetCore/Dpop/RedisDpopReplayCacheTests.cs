using System.Diagnostics;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests;

/// <summary>The DPoP replay store in a real redis-server, shared by replicas: a proof is accepted once, wherever it is
/// presented, until its window closes; and when Redis is down or hangs, the store says it cannot tell, at once or within
/// its timeout, and works again once Redis is back.</summary>
public sealed class RedisDpopReplayCacheTests : IAsyncLifetime
{
    // The store's timeout is 1 s; this only keeps a slow machine from failing the test.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(30);

    private readonly RedisProcess _redis = new();
    private readonly List<DpopRedisConnection> _replicas = [];

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [RedisFact]
    public async Task A_proof_seen_for_the_first_time_is_accepted()
    {
        var remembered = await Replica().TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default);

        remembered.Should().BeTrue();
    }

    [RedisFact]
    public async Task The_same_proof_again_is_a_replay()
    {
        var cache = Replica();
        var jti = NewJti();
        await cache.TryRememberAsync(Thumbprint, jti, InFiveMinutes(), default);

        var remembered = await cache.TryRememberAsync(Thumbprint, jti, InFiveMinutes(), default);

        remembered.Should().BeFalse();
    }

    [RedisFact]
    public async Task A_proof_used_at_one_replica_is_a_replay_at_another()
    {
        var jti = NewJti();
        await Replica().TryRememberAsync(Thumbprint, jti, InFiveMinutes(), default);

        var remembered = await Replica().TryRememberAsync(Thumbprint, jti, InFiveMinutes(), default);

        remembered.Should().BeFalse();
    }

    [RedisFact]
    public async Task A_proof_is_kept_under_the_api_prefix_until_the_time_given()
    {
        var jti = NewJti();
        await using var inspector = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);

        await Replica().TryRememberAsync(Thumbprint, jti, DateTimeOffset.UtcNow.AddMinutes(1), default);

        var timeToLive = await inspector.GetDatabase().KeyTimeToLiveAsync($"messages-api:dpop:jti:{jti}");
        timeToLive.Should().BeCloseTo(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
    }

    [RedisFact]
    public async Task A_proof_is_forgotten_once_its_time_has_passed()
    {
        var cache = Replica();
        var jti = NewJti();

        await cache.TryRememberAsync(Thumbprint, jti, DateTimeOffset.UtcNow.AddMilliseconds(200), default);

        await Eventually.Until(async () => await cache.TryRememberAsync(Thumbprint, jti, InFiveMinutes(), default), TimeSpan.FromSeconds(10),
            "the proof was still remembered long after its time");
    }

    [RedisFact]
    public async Task While_redis_is_down_a_proof_is_refused_as_unchecked_not_accepted()
    {
        var cache = Replica();
        await _redis.StopAsync();

        var remembering = () => cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default).AsTask();

        (await remembering.Should().ThrowAsync<DpopReplayCacheUnavailableException>()).Which.Message.Should().Be(
            $"Redis at 127.0.0.1:{_redis.Port} did not answer whether this DPoP proof was used before, so the proof cannot be accepted.");
    }

    [RedisFact]
    public async Task While_redis_is_down_the_refusal_comes_at_once()
    {
        var cache = Replica();
        await _redis.StopAsync();
        var elapsed = Stopwatch.StartNew();

        var remembering = () => cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default).AsTask();

        await remembering.Should().ThrowAsync<DpopReplayCacheUnavailableException>();
        elapsed.Elapsed.Should().BeLessThan(Promptly);
    }

    [RedisFact]
    public async Task When_redis_hangs_the_refusal_comes_within_the_timeout()
    {
        var cache = Replica();
        await cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default);
        _redis.Pause();
        var elapsed = Stopwatch.StartNew();

        var remembering = () => cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default).AsTask();

        await remembering.Should().ThrowAsync<DpopReplayCacheUnavailableException>();
        elapsed.Elapsed.Should().BeLessThan(Promptly);
    }

    [RedisFact]
    public async Task Once_redis_is_back_proofs_are_checked_again_without_a_restart()
    {
        var cache = Replica();
        await _redis.StopAsync();
        await FluentActions.Awaiting(() => cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default).AsTask())
            .Should().ThrowAsync<DpopReplayCacheUnavailableException>();

        await _redis.StartAsync();

        await Eventually.Until(async () => await AnswersAsync(cache), ReconnectLimit, "the store still failed after Redis came back");
    }

    [RedisFact]
    public async Task Stopping_the_app_closes_its_connections_to_redis()
    {
        await using var inspector = await ConnectionMultiplexer.ConnectAsync($"{_redis.Configuration},allowAdmin=true");
        var before = await ConnectedClientsAsync(inspector);
        var app = new ServiceCollection().AddSingleton(TimeProvider.System).AddRedisDpopReplayCache(_redis.Configuration).BuildServiceProvider();
        await app.GetRequiredService<IDpopReplayCache>().TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default);

        await app.DisposeAsync();

        await Eventually.Until(async () => await ConnectedClientsAsync(inspector) == before, Promptly, "the app's connections stayed open");
    }

    private IDpopReplayCache Replica()
    {
        var connection = new DpopRedisConnection(_redis.Configuration);
        _replicas.Add(connection);
        return new RedisDpopReplayCache(connection, TimeProvider.System);
    }

    /// <summary>The key that signed the proofs: Redis keeps no share per key, so one will do.</summary>
    private const string Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private static string NewJti() => Guid.NewGuid().ToString();

    private static DateTimeOffset InFiveMinutes() => DateTimeOffset.UtcNow.AddMinutes(5);

    private static async Task<bool> AnswersAsync(IDpopReplayCache cache)
    {
        try
        {
            return await cache.TryRememberAsync(Thumbprint, NewJti(), InFiveMinutes(), default);
        }
        catch (DpopReplayCacheUnavailableException)
        {
            return false;
        }
    }

    private static async Task<int> ConnectedClientsAsync(ConnectionMultiplexer inspector) =>
        (await inspector.GetServers().Single().ClientListAsync()).Length;
}

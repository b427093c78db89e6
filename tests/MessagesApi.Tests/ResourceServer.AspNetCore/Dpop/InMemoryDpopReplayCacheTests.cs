using System.Diagnostics.Metrics;
using MessagesApi.Observability;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.Observability;

namespace MessagesApi.Tests;

/// <summary>The in-process replay store on its own: proofs kept in buckets of an eighth of <c>ProofMaxAge</c> (15 s at
/// 2 minutes), by when their window ends, each bucket dropped whole once its time has passed; a share per key; and a
/// fill level to watch. On a fake clock.</summary>
public sealed class InMemoryDpopReplayCacheTests
{
    private const string KeyA = "key-a";
    private const string KeyB = "key-b";
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(15);

    private readonly TestClock _clock = new();

    [Fact]
    public async Task A_proof_seen_for_the_first_time_is_remembered()
    {
        var store = Store();

        (await store.TryRememberAsync(KeyA, "proof", In(TimeSpan.FromMinutes(3)), default)).Should().BeTrue();
    }

    [Fact]
    public async Task The_same_proof_again_is_a_replay_until_its_window_ends()
    {
        var store = Store();
        var until = In(TimeSpan.FromMinutes(3));
        await store.TryRememberAsync(KeyA, "proof", until, default);
        _clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1));

        (await store.TryRememberAsync(KeyA, "proof", until, default)).Should().BeFalse();
    }

    [Fact]
    public async Task A_proof_is_found_whatever_bucket_its_second_use_would_go_in()
    {
        var store = Store();
        await store.TryRememberAsync(KeyA, "proof", In(TimeSpan.FromSeconds(30)), default);

        (await store.TryRememberAsync(KeyA, "proof", In(TimeSpan.FromMinutes(3)), default)).Should().BeFalse();
    }

    [Fact]
    public async Task A_proof_is_still_a_replay_after_the_buckets_before_its_own_are_dropped()
    {
        var store = Store(maxKeyShare: 1);
        var until = In(TimeSpan.FromMinutes(3));
        await store.TryRememberAsync(KeyA, "older", In(TimeSpan.FromSeconds(20)), default);
        await store.TryRememberAsync(KeyA, "proof", until, default);
        _clock.Advance(TimeSpan.FromMinutes(1));
        store.Count.Should().Be(1, "the older proof's bucket has passed and is dropped");

        (await store.TryRememberAsync(KeyA, "proof", until, default)).Should().BeFalse();
    }

    [Fact]
    public async Task A_bucket_is_dropped_whole_within_one_bucket_of_its_proofs_window_ending()
    {
        var store = Store(maxKeyShare: 1);
        for (var i = 0; i < 3; i++)
            await store.TryRememberAsync(KeyA, $"proof-{i}", In(TimeSpan.FromMinutes(3)), default);

        _clock.Advance(TimeSpan.FromMinutes(3) + Bucket);

        store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_key_at_its_share_is_refused_with_the_time_until_its_oldest_proofs_are_forgotten()
    {
        var store = Store(maxRemembered: 4, maxKeyShare: 0.5);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromSeconds(40)), default);
        await store.TryRememberAsync(KeyA, "second", In(TimeSpan.FromMinutes(3)), default);

        var remembering = () => store.TryRememberAsync(KeyA, "third", In(TimeSpan.FromMinutes(3)), default).AsTask();

        (await remembering.Should().ThrowAsync<DpopKeyOverShareException>()).Which.RetryAfter
            .Should().BeGreaterThan(TimeSpan.FromSeconds(40)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(40) + Bucket);
    }

    [Fact]
    public async Task Another_key_is_remembered_while_one_key_is_at_its_share()
    {
        var store = Store(maxRemembered: 4, maxKeyShare: 0.5);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default);
        await store.TryRememberAsync(KeyA, "second", In(TimeSpan.FromMinutes(3)), default);

        (await store.TryRememberAsync(KeyB, "b-first", In(TimeSpan.FromMinutes(3)), default)).Should().BeTrue();
    }

    [Fact]
    public async Task A_key_gets_its_share_back_once_its_proofs_are_forgotten()
    {
        var store = Store(maxRemembered: 4, maxKeyShare: 0.25);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default);
        _clock.Advance(TimeSpan.FromMinutes(3) + Bucket);

        (await store.TryRememberAsync(KeyA, "second", In(TimeSpan.FromMinutes(3)), default)).Should().BeTrue();
    }

    [Fact]
    public async Task A_replay_from_a_key_at_its_share_is_still_told_as_a_replay()
    {
        var store = Store(maxRemembered: 4, maxKeyShare: 0.25);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default);

        (await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default)).Should().BeFalse();
    }

    [Fact]
    public async Task A_key_whose_older_proofs_are_forgotten_still_has_its_newer_ones_counted_against_its_share()
    {
        var store = Store(maxRemembered: 8, maxKeyShare: 0.25);
        await store.TryRememberAsync(KeyA, "older", In(TimeSpan.FromSeconds(20)), default);
        await store.TryRememberAsync(KeyA, "newer", In(TimeSpan.FromMinutes(3)), default);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.TryRememberAsync(KeyA, "third", In(TimeSpan.FromMinutes(3)), default);

        var remembering = () => store.TryRememberAsync(KeyA, "fourth", In(TimeSpan.FromMinutes(3)), default).AsTask();

        await remembering.Should().ThrowAsync<DpopKeyOverShareException>();
    }

    [Fact]
    public async Task A_proof_whose_window_ends_before_those_already_remembered_is_forgotten_when_its_own_window_ends()
    {
        var store = Store(maxKeyShare: 1);
        await store.TryRememberAsync(KeyA, "later", In(TimeSpan.FromMinutes(3)), default);
        await store.TryRememberAsync(KeyA, "earlier", In(TimeSpan.FromSeconds(20)), default);

        _clock.Advance(TimeSpan.FromSeconds(20) + Bucket);

        store.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_full_store_refuses_rather_than_passing_a_proof_unchecked()
    {
        var store = Store(maxRemembered: 2, maxKeyShare: 0.5);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default);
        await store.TryRememberAsync(KeyB, "b-first", In(TimeSpan.FromMinutes(3)), default);

        var remembering = () => store.TryRememberAsync("key-c", "c-first", In(TimeSpan.FromMinutes(3)), default).AsTask();

        await remembering.Should().ThrowAsync<DpopReplayCacheUnavailableException>();
    }

    [Fact]
    public async Task The_fill_level_is_reported_as_a_gauge()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var store = Store(services: services, maxKeyShare: 1);
        await store.TryRememberAsync(KeyA, "first", In(TimeSpan.FromMinutes(3)), default);
        await store.TryRememberAsync(KeyB, "b-first", In(TimeSpan.FromMinutes(3)), default);
        using var listener = new MeterListener();
        var measured = -1;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuthMetrics.MeterName && instrument.Name == "messages_api.dpop_replay_store.proofs")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => measured = value);
        listener.Start();

        listener.RecordObservableInstruments();

        measured.Should().Be(2);
    }

    private DateTimeOffset In(TimeSpan time) => _clock.GetUtcNow() + time;

    private InMemoryDpopReplayCache Store(int maxRemembered = 1_000, double maxKeyShare = 0.25, ServiceProvider? services = null)
    {
        var options = Options.Create(new DpopOptions { MaxRememberedProofs = maxRemembered, MaxKeyShare = maxKeyShare });
        using var owned = services is null ? new ServiceCollection().AddMetrics().BuildServiceProvider() : null;
        return new InMemoryDpopReplayCache(options, _clock, new AuthMetrics((services ?? owned)!.GetRequiredService<IMeterFactory>()));
    }
}

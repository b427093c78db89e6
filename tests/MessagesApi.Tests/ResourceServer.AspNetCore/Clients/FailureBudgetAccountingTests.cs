using System.Net;
using MessagesApi.Observability;
using MessagesApi.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Clients;
using ResourceServer.AspNetCore.Observability;

namespace MessagesApi.Tests;

/// <summary>The failure budget's bookkeeping on its own, on a fake clock: a bucket of <c>Burst</c> failures per client,
/// refilled one failure per <c>RefillInterval</c>, and a table of at most <c>MaxClients</c> clients that forgets the ones
/// whose bucket is full again.</summary>
public sealed class FailureBudgetAccountingTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly TestClock _clock = new();
    private readonly RejectionLog _log;
    private readonly FailureBudget _budget;

    public FailureBudgetAccountingTests()
    {
        _log = new RejectionLog(Options.Create(new RejectionLogOptions()), _clock);
        _budget = new FailureBudget(
            Options.Create(new FailureBudgetOptions { Burst = 3, RefillInterval = Interval, MaxClients = 2 }),
            _clock, NullLogger<FailureBudget>.Instance, _log);
    }

    [Fact]
    public void A_client_is_exhausted_at_its_burst_th_failure_and_not_one_before()
    {
        var client = Client(1);
        Charge(client, 2);
        var afterTwo = _budget.IsExhausted(client, out _);

        Charge(client, 1);

        afterTwo.Should().BeFalse();
        _budget.IsExhausted(client, out _).Should().BeTrue();
    }

    [Fact]
    public void Failures_refilled_while_a_client_waited_may_be_spent_again()
    {
        var client = Client(1);
        Charge(client, 3);
        _clock.Advance(2 * Interval);

        Charge(client, 1);

        _budget.IsExhausted(client, out _).Should().BeFalse("two failures refilled and one was spent");
    }

    [Fact]
    public void An_exhausted_client_waits_only_until_its_bucket_holds_one_failure_again()
    {
        var client = Client(1);
        Charge(client, 2);
        _clock.Advance(Interval / 2);

        Charge(client, 1);

        _budget.IsExhausted(client, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(Interval / 2, "half a failure was left in the bucket");
    }

    [Fact]
    public void While_the_table_is_full_of_clients_still_failing_a_new_client_is_not_tracked()
    {
        Charge(Client(1), 1);
        Charge(Client(2), 1);

        Charge(Client(3), 3);

        _budget.IsExhausted(Client(3), out _).Should().BeFalse();
        _budget.TrackedClients.Should().Be(2);
    }

    [Fact]
    public void Clients_whose_bucket_refilled_make_room_for_new_ones()
    {
        Charge(Client(1), 1);
        Charge(Client(2), 1);
        _clock.Advance(Interval);

        Charge(Client(3), 3);

        _budget.IsExhausted(Client(3), out _).Should().BeTrue("the two full buckets were forgotten to make room");
        _budget.TrackedClients.Should().Be(1);
    }

    [Fact]
    public void A_full_table_is_swept_at_most_once_per_refill_interval()
    {
        Charge(Client(1), 1);
        Charge(Client(2), 1);
        _clock.Advance(Interval / 2);
        Charge(Client(3), 1);
        _clock.Advance(Interval * 3 / 4);

        Charge(Client(4), 3);

        _budget.IsExhausted(Client(4), out _).Should().BeFalse("clients 1 and 2 are full again, but the sweep for client 3 was less than an interval ago");
        _budget.TrackedClients.Should().Be(2);
    }

    [Fact]
    public void A_sweep_leaves_the_table_free_for_the_next_sweep_on_another_thread()
    {
        Charge(Client(1), 1);
        Charge(Client(2), 1);
        _clock.Advance(Interval);
        OnItsOwnThread(() => Charge(Client(3), 1));
        Charge(Client(4), 1);
        _clock.Advance(Interval);

        OnItsOwnThread(() => Charge(Client(5), 3));

        _budget.IsExhausted(Client(5), out _).Should().BeTrue("clients 3 and 4 were full again and swept on a second thread");
    }

    private void Charge(ClientKey client, int failures)
    {
        for (var i = 0; i < failures; i++)
            _budget.Charge(client);
    }

    /// <summary>Runs the action on a thread of its own and waits for it: the sweep's lock is re-entrant, so only a sweep
    /// on another thread would notice one that was never released.</summary>
    private static void OnItsOwnThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }

    private static ClientKey Client(byte number) => ClientKey.From(new IPAddress([192, 0, 2, number]));

    public void Dispose()
    {
        _log.Dispose();
    }
}

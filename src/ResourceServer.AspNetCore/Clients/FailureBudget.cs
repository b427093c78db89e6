using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Clients;

/// <summary>Each client's budget of failed tokens: a token bucket per <see cref="ClientKey"/>, kept only while it is
/// not full, for at most <see cref="FailureBudgetOptions.MaxClients"/> clients.</summary>
internal sealed class FailureBudget(IOptions<FailureBudgetOptions> options, TimeProvider time, ILogger<FailureBudget> logger, RejectionLog rejectionLog)
{
    private readonly FailureBudgetOptions _options = options.Value;
    private readonly ConcurrentDictionary<ClientKey, Account> _accounts = new();
    private readonly Lock _sweeping = new();
    private int _count;
    // Not long.MinValue: "now - _lastSweep" would overflow to a negative number, and the table would never be swept.
    private long _lastSweep = long.MinValue / 2;

    public int TrackedClients => Volatile.Read(ref _count);

    /// <summary>True, with how long until the client may be heard again, when it has used up its budget. Lock-free: one
    /// dictionary read for a client with failures, and nothing more for others.</summary>
    public bool IsExhausted(ClientKey client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_options.Enabled || !_accounts.TryGetValue(client, out var account))
            return false;
        retryAfter = TimeSpan.FromTicks(account.ExhaustedUntil - time.GetUtcNow().UtcTicks);
        return retryAfter > TimeSpan.Zero;
    }

    /// <summary>Counts one failed token against the client.</summary>
    public void Charge(ClientKey client)
    {
        if (!_options.Enabled)
            return;
        var now = time.GetUtcNow().UtcTicks;
        if (!_accounts.TryGetValue(client, out var account) && !TryOpen(client, now, out account))
            return;
        // Once per client per episode; under address spraying that is still a line per address, so it is sampled too.
        if (account.Charge(now, _options) is { } exhaustedFor && rejectionLog.ShouldWrite(logger, LogLevel.Warning, "over_failure_budget"))
            logger.LogWarning("Client {Client} is over its failure budget ({Burst} failed tokens): its requests with tokens not yet verified are held {HoldTime} and answered 429 for the next {ExhaustedFor}.",
                client, _options.Burst, _options.HoldTime, exhaustedFor);
    }

    private bool TryOpen(ClientKey client, long now, out Account account)
    {
        if (Volatile.Read(ref _count) >= _options.MaxClients && !SweptRoom(now))
        {
            account = null!;
            return false;
        }
        account = _accounts.GetOrAdd(client, static (_, budget) => budget.Opened(), this);
        return true;
    }

    private Account Opened()
    {
        Interlocked.Increment(ref _count);
        return new Account(_options.Burst, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Forgets the clients whose bucket has filled up again, at most once per refill interval: under address
    /// spraying the table stays full and sweeping on every failure would cost more than it saves.</summary>
    private bool SweptRoom(long now)
    {
        if (now - Volatile.Read(ref _lastSweep) < _options.RefillInterval.Ticks || !_sweeping.TryEnter())
            return false;
        try
        {
            _lastSweep = now;
            foreach (var (client, account) in _accounts)
            {
                if (account.IsFull(now, _options) && _accounts.TryRemove(new KeyValuePair<ClientKey, Account>(client, account)))
                    Interlocked.Decrement(ref _count);
            }
            return Volatile.Read(ref _count) < _options.MaxClients;
        }
        finally
        {
            _sweeping.Exit();
        }
    }

    private sealed class Account(double balance, long updated)
    {
        private readonly Lock _lock = new();
        private double _balance = balance;
        private long _updated = updated;
        private long _exhaustedUntil;
        private long _lastExhausted = long.MinValue / 2;

        public long ExhaustedUntil => Volatile.Read(ref _exhaustedUntil);

        /// <summary>Takes one failure from the bucket. When that empties it for the first time since the bucket was last
        /// full, returns how long until the next failure is allowed, for the one log line of the episode.</summary>
        public TimeSpan? Charge(long now, FailureBudgetOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                _balance = Math.Max(0, _balance - 1);
                if (_balance >= 1)
                    return null;
                var exhaustedFor = TimeSpan.FromTicks((long)((1 - _balance) * options.RefillInterval.Ticks));
                Volatile.Write(ref _exhaustedUntil, now + exhaustedFor.Ticks);
                var newEpisode = now - _lastExhausted > options.Burst * options.RefillInterval.Ticks;
                _lastExhausted = now;
                return newEpisode ? exhaustedFor : null;
            }
        }

        public bool IsFull(long now, FailureBudgetOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                return _balance >= options.Burst;
            }
        }

        private void Refill(long now, FailureBudgetOptions options)
        {
            _balance = Math.Min(options.Burst, _balance + (double)(now - _updated) / options.RefillInterval.Ticks);
            _updated = now;
        }
    }
}

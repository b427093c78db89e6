
namespace ResourceServer.AspNetCore.Clients;

/// <summary>How many tokens that fail validation a client may send before it is throttled (section
/// <c>Clients:FailureBudget</c>). A token bucket per client: <see cref="Burst"/> failures at once, one more every
/// <see cref="RefillInterval"/>.</summary>
internal sealed class FailureBudgetOptions
{
    public const string Section = "Clients:FailureBudget";

    public bool Enabled { get; set; } = true;

    /// <summary>Failures a client may have in a row: far more than an app retrying with an expired token sends.</summary>
    public int Burst { get; set; } = 20;

    public const int MaxBurst = 100_000;

    /// <summary>One failure is forgiven per interval, so an over-budget client gets one token verified per interval.</summary>
    public TimeSpan RefillInterval { get; set; } = TimeSpan.FromSeconds(1);

    public static readonly TimeSettingRange RefillIntervalRange = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));

    /// <summary>How long an over-budget request is held before its 429. Holding, not answering fast, is what frees the
    /// CPU: a client that gets instant answers just sends more.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(1);

    public static readonly TimeSettingRange HoldTimeRange = new(TimeSpan.Zero, TimeSpan.FromSeconds(30));

    /// <summary>Requests held at once, across all clients; past it, over-budget requests get their 429 at once and
    /// their connection is closed. Bounds the memory a flood of connections can pin.</summary>
    public int MaxHeldRequests { get; set; } = 1_000;

    /// <summary>Clients with a budget in use; past it, new clients go unmetered until idle ones are forgotten.</summary>
    public int MaxClients { get; set; } = 10_000;

    public const int MaxCount = 1_000_000;
}

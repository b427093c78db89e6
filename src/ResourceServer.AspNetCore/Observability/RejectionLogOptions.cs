
namespace ResourceServer.AspNetCore.Observability;

/// <summary>How many 401/403 log lines each rejection reason may write per interval; the rest are counted in one summary
/// line when the interval ends.</summary>
internal sealed class RejectionLogOptions
{
    public const string Section = "Observability:RejectionLog";

    /// <summary>Zero writes only the summary lines. Five keeps a flood of every reason a client can cause, each line
    /// padded with the longest kid, iss and sub logged, near 100 KB per interval.</summary>
    public int LinesPerInterval { get; set; } = 5;

    /// <summary>Starts with a reason's first rejection, so a flood's first lines are written at once.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Under a second, the summaries themselves would flood; over an hour, an operator waits too long to learn
    /// that rejections went on.</summary>
    public static readonly TimeSettingRange IntervalRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
}

using System.Globalization;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The key that signed a proof already has its share of the replay store (<see cref="DpopOptions.ProofsPerKey"/>)
/// remembered: this request is answered 429, and only this key's; <see cref="RetryAfter"/> is when its oldest proofs are
/// forgotten.</summary>
internal sealed class DpopKeyOverShareException(TimeSpan retryAfter)
    : Exception("This DPoP key has as many proofs remembered as it may have at once; retry after the time in Retry-After.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The <c>Retry-After</c> header's value: whole seconds, rounded up, at least one.</summary>
    public string RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

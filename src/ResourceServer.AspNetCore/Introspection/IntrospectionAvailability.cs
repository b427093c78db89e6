using System.Diagnostics.Metrics;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Whether the issuer's introspection endpoint answered the last call the API made, and if not why, for
/// /readyz (<see cref="IntrospectionHealthCheck"/>) and the metric <c>messages_api.introspection.available</c>, which
/// both read this one state. Passive: nothing is asked that no request asked, so a replica with no opaque traffic costs
/// the issuer nothing. A change is logged once (down: a Warning with why; back: an Information), not on every call.</summary>
internal sealed class IntrospectionAvailability
{
    private static readonly Outcome Answer = new(WhyUnavailable: null);

    private readonly ILogger<IntrospectionAvailability> _logger;

    /// <summary>Null until the endpoint is first asked.</summary>
    private Outcome? _last;

    public IntrospectionAvailability(AuthMetrics metrics, ILogger<IntrospectionAvailability> logger)
    {
        _logger = logger;
        metrics.ObserveIntrospectionAvailability(Observe);
    }

    /// <summary>Null until a call fails, and again once one is answered.</summary>
    public string? WhyUnavailable => Volatile.Read(ref _last)?.WhyUnavailable;

    public void Answered()
    {
        if (Interlocked.Exchange(ref _last, Answer) is { WhyUnavailable: not null })
            _logger.LogInformation("The issuer's introspection endpoint answers again: opaque tokens are served.");
    }

    public void Unavailable(IntrospectionUnavailableException failure)
    {
        if (Interlocked.Exchange(ref _last, new Outcome(failure.Message)) is not { WhyUnavailable: not null })
            _logger.LogWarning(failure.InnerException, "Opaque tokens cannot be introspected, so requests with an uncached one get 503 until the issuer answers; JWTs are served. {Why}", failure.Message);
    }

    private IEnumerable<Measurement<int>> Observe() =>
        Volatile.Read(ref _last) is { } last ? [new Measurement<int>(last.WhyUnavailable is null ? 1 : 0)] : [];

    private sealed record Outcome(string? WhyUnavailable);
}

using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Whether the issuer's introspection endpoint answered the last call the API made, and if not why, for
/// /readyz (<see cref="IntrospectionHealthCheck"/>) and the metric <c>messages_api.introspection.available</c>. Passive:
/// nothing is asked that no request asked, so a replica with no opaque traffic costs the issuer nothing. A change is
/// logged once (down: a Warning with why; back: an Information), not on every call.</summary>
internal sealed class IntrospectionAvailability(AuthMetrics metrics, ILogger<IntrospectionAvailability> logger)
{
    private string? _whyUnavailable;

    /// <summary>Null until a call fails, and again once one is answered.</summary>
    public string? WhyUnavailable => Volatile.Read(ref _whyUnavailable);

    public void Answered()
    {
        metrics.IntrospectionChecked(available: true);
        if (Interlocked.Exchange(ref _whyUnavailable, null) is not null)
            logger.LogInformation("The issuer's introspection endpoint answers again: opaque tokens are served.");
    }

    public void Unavailable(IntrospectionUnavailableException failure)
    {
        metrics.IntrospectionChecked(available: false);
        if (Interlocked.Exchange(ref _whyUnavailable, failure.Message) is null)
            logger.LogWarning(failure.InnerException, "Opaque tokens cannot be introspected, so requests with an uncached one get 503 until the issuer answers; JWTs are served. {Why}", failure.Message);
    }
}

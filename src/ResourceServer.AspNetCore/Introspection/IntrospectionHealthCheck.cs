using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Degraded while the issuer's introspection endpoint did not answer the last call: requests with uncached opaque
/// tokens get 503, but JWTs and cached opaque tokens are served, so the replica stays ready (/readyz 200) and says why,
/// never Unhealthy, which would take every replica out at once for an outage at the issuer. /readyz is anonymous: it
/// says what is wrong, not the transport's words, which may name hosts (the log has them).</summary>
internal sealed class IntrospectionHealthCheck(IntrospectionAvailability availability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(availability.WhyUnavailable is not null
            ? HealthCheckResult.Degraded("Opaque tokens cannot be introspected: requests with an uncached one get 503 until the issuer answers (the log says why).")
            : HealthCheckResult.Healthy("The introspection endpoint answered its last call, or has not been asked yet."));
}

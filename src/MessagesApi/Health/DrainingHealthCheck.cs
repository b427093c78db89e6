using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MessagesApi.Health;

/// <summary>Not ready from SIGTERM on, so load balancers stop sending requests while the API still serves them.</summary>
internal sealed class DrainingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The API is shutting down.")
            : HealthCheckResult.Healthy("The API is not shutting down."));
}

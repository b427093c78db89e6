using Microsoft.Extensions.Diagnostics.HealthChecks;
using MessagesApi.Auth;

namespace MessagesApi.Health;

/// <summary>Ready when every trusted issuer's signing keys have been loaded at least once.</summary>
internal sealed class SigningKeysHealthCheck(IssuerKeyStore keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.Issuers.All(issuer => issuer.Current is not null)
            ? HealthCheckResult.Healthy("Signing keys loaded.")
            : HealthCheckResult.Unhealthy("Signing keys not loaded yet."));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>Ready when every trusted issuer's signing keys have been loaded at least once; until then, per issuer, why
/// not. No log of its own: the key fetches log each failure and the first keys as they happen.</summary>
internal sealed class SigningKeysHealthCheck(IssuerKeyStore keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] notLoaded = [.. keys.Issuers.Select(issuer => issuer.WhyNoKeys).OfType<string>()];
        return Task.FromResult(notLoaded.Length == 0
            ? HealthCheckResult.Healthy("Signing keys loaded.")
            : HealthCheckResult.Unhealthy(string.Join(" ", notLoaded)));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using MessagesApi.Auth;

namespace MessagesApi.Health;

/// <summary>Ready when every trusted issuer's signing keys have been loaded at least once; until then, per issuer, why
/// not. No log of its own: the key fetches log each failure and the first keys as they happen.</summary>
internal sealed class SigningKeysHealthCheck(IssuerKeyStore keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] notLoaded = [.. keys.Issuers.Where(issuer => issuer.Current is null).Select(WhyNotLoaded)];
        return Task.FromResult(notLoaded.Length == 0
            ? HealthCheckResult.Healthy("Signing keys loaded.")
            : HealthCheckResult.Unhealthy(string.Join(" ", notLoaded)));
    }

    private static string WhyNotLoaded(IssuerSigningKeys issuer) => issuer.LastFetch switch
    {
        KeyFetchResult.IssuerRefused when issuer.Mismatch is { } mismatch => mismatch.ToString(),
        KeyFetchResult.NoUsableKeys => $"The JWKS of {issuer.Issuer} has no signing keys the API can use (the log says why).",
        _ => $"The signing keys of {issuer.Issuer} are not fetched yet: the issuer has not answered so far (the log says why).",
    };
}

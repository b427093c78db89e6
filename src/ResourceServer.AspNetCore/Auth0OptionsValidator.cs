using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore;

/// <summary>Refuses to start with settings that are missing, malformed, out of range, or unsafe outside Development.</summary>
internal sealed class Auth0OptionsValidator(IHostEnvironment environment) : IValidateOptions<Auth0Options>
{
    private static readonly Auth0Options Defaults = new();

    public ValidateOptionsResult Validate(string? name, Auth0Options options)
    {
        var failures = new List<string>();
        var issuers = options.Issuers;
        if (issuers.Count == 0)
            failures.Add("AUTH0_DOMAIN is not set. Set it to your Auth0 tenant domain, e.g. AUTH0_DOMAIN=dev-abc123.us.auth0.com.");
        foreach (var issuer in issuers)
        {
            if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query != "" || uri.Fragment != "")
                failures.Add($"AUTH0_DOMAIN contains '{issuer}', which is not a domain or an issuer URL. Use e.g. AUTH0_DOMAIN=dev-abc123.us.auth0.com.");
            else if (uri.Scheme == "http" && !environment.IsDevelopment())
                failures.Add($"AUTH0_DOMAIN '{issuer}' uses plain HTTP, which is refused outside Development: keys fetched over HTTP can be forged.");
        }
        foreach (var duplicate in issuers.GroupBy(IssuerIdentifier.Comparable, StringComparer.Ordinal).Where(group => group.Count() > 1))
            failures.Add($"AUTH0_DOMAIN names the issuer {duplicate.First()} more than once (a domain and its https:// URL are the same issuer). List each issuer once.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("AUTH0_AUDIENCE is not set. Set it to your Auth0 API's identifier, e.g. AUTH0_AUDIENCE=https://hello-world.example.com.");
        if (!AudienceClaims.Supported.Contains(options.AudienceClaim))
            failures.Add($"Auth0:AudienceClaim is '{options.AudienceClaim}'; use aud (the default) or client_id (Amazon Cognito).");
        foreach (var path in options.PermissionPaths.Where(path => path.Problem is not null))
            failures.Add($"Auth0:PermissionClaims contains '{path.Path}', {path.Problem}");
        foreach (var claim in options.RequiredClaimRules.Where(claim => claim.Problem is not null))
            failures.Add($"Auth0:RequiredClaims contains '{claim.Setting}', {claim.Problem}");
        foreach (var algorithm in options.Algorithms.Where(a => !SigningKeyPolicy.IsAsymmetric(a)))
            failures.Add($"Auth0:Algorithms contains '{algorithm}'. Only asymmetric algorithms (RS*, PS*, ES*) are allowed: a shared-secret algorithm lets anyone holding the public key forge tokens.");
        var clockSkew = environment.IsDevelopment() ? Auth0Options.DevelopmentClockSkewRange : Auth0Options.ClockSkewRange;
        failures.AddRange(new[]
        {
            clockSkew.Refusal("Auth0:ClockSkew", options.ClockSkew, Defaults.ClockSkew),
            Auth0Options.KeyRefreshIntervalRange.Refusal("Auth0:KeyRefreshInterval", options.KeyRefreshInterval, Defaults.KeyRefreshInterval),
            Auth0Options.OnDemandRefreshThrottleRange.Refusal("Auth0:OnDemandRefreshThrottle", options.OnDemandRefreshThrottle, Defaults.OnDemandRefreshThrottle),
            Auth0Options.BackchannelTimeoutRange.Refusal("Auth0:BackchannelTimeout", options.BackchannelTimeout, Defaults.BackchannelTimeout),
            ValidatedTokenCacheOptions.MaxLifetimeRange.Refusal("Auth0:TokenCache:MaxLifetime", options.TokenCache.MaxLifetime, Defaults.TokenCache.MaxLifetime),
            ValidatedTokenCacheOptions.RejectedTokenLifetimeRange.Refusal(
                "Auth0:TokenCache:RejectedTokenLifetime", options.TokenCache.RejectedTokenLifetime, Defaults.TokenCache.RejectedTokenLifetime),
        }.OfType<string>());
        if (options.TokenCache.MaxEntries <= 0)
            failures.Add("Auth0:TokenCache:MaxEntries must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

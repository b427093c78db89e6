using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>Refuses to start with settings that are missing, malformed, or unsafe outside Development.</summary>
internal sealed class Auth0OptionsValidator(IHostEnvironment environment) : IValidateOptions<Auth0Options>
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(2);

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
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("AUTH0_AUDIENCE is not set. Set it to your Auth0 API's identifier, e.g. AUTH0_AUDIENCE=https://hello-world.example.com.");
        foreach (var algorithm in options.Algorithms.Where(a => !IsAsymmetric(a)))
            failures.Add($"Auth0:Algorithms contains '{algorithm}'. Only asymmetric algorithms (RS*, PS*, ES*) are allowed: a shared-secret algorithm lets anyone holding the public key forge tokens.");
        if (options.ClockSkew < TimeSpan.Zero)
            failures.Add("Auth0:ClockSkew is negative. Use e.g. Auth0__ClockSkew=00:00:30.");
        else if (options.ClockSkew > MaxClockSkew && !environment.IsDevelopment())
            failures.Add($"Auth0:ClockSkew is {options.ClockSkew}, over the 2 minutes allowed outside Development.");
        foreach (var (setting, value) in new[]
                 {
                     ("KeyRefreshInterval", options.KeyRefreshInterval), ("OnDemandRefreshThrottle", options.OnDemandRefreshThrottle),
                     ("BackchannelTimeout", options.BackchannelTimeout), ("TokenCache:MaxLifetime", options.TokenCache.MaxLifetime),
                 })
        {
            if (value <= TimeSpan.Zero)
                failures.Add($"Auth0:{setting} must be a positive time span, e.g. 00:00:10.");
        }
        if (options.TokenCache.MaxEntries <= 0)
            failures.Add("Auth0:TokenCache:MaxEntries must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAsymmetric(string algorithm) =>
        algorithm is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384 or SecurityAlgorithms.RsaSha512
            or SecurityAlgorithms.RsaSsaPssSha256 or SecurityAlgorithms.RsaSsaPssSha384 or SecurityAlgorithms.RsaSsaPssSha512
            or SecurityAlgorithms.EcdsaSha256 or SecurityAlgorithms.EcdsaSha384 or SecurityAlgorithms.EcdsaSha512;
}

using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>Answers "why is my token rejected?": runs each check the API makes, one by one, and reports expected
/// against found. A diagnosis for people; the decision itself is <see cref="AccessTokenHandler"/>'s.</summary>
internal sealed class TokenExplainer(IssuerKeyStore keys, AccessTokenRules rules, IOptions<Auth0Options> options, DpopExplainer dpop, TimeProvider time)
{
    /// <summary>The checks of <paramref name="token"/>, and of the DPoP <paramref name="proof"/> sent with it, if any.</summary>
    public async Task<TokenExplanation> ExplainAsync(string token, string? proof = null)
    {
        var settings = options.Value;
        var checks = new List<TokenCheck>();
        if (AccessTokenHandler.Read(token, out var jwt) is { } unreadable)
        {
            checks.Add(new("format", false, "a signed JWT (JWS): three base64url segments of JSON objects", token.Length == 0 ? "no token" : unreadable.Message));
            return new(false, checks);
        }
        checks.Add(new("format", true, "a signed JWT (JWS): three base64url segments of JSON objects", "a signed JWT (JWS)"));
        // The handler's own pre-signature rules, from the same method, so this can never disagree with its verdict.
        var broken = rules.Check(jwt);
        checks.Add(new("rules", broken is null, "the access-token rules that need no key", broken?.Message ?? "all hold"));
        checks.Add(new("algorithm", settings.Algorithms.Contains(jwt.Alg), string.Join(" or ", settings.Algorithms), jwt.Alg));
        checks.Add(new("typ", AccessTokenTypes.IsAccepted(jwt, settings.RequireAccessTokenType),
            AccessTokenTypes.Describe(settings.RequireAccessTokenType), AccessTokenTypes.Found(jwt)));
        var issuerKeys = keys.Find(jwt.Issuer);
        checks.Add(new("issuer", issuerKeys?.TrustedIssuer == jwt.Issuer, string.Join(" or ", keys.Issuers.Select(issuer => issuer.TrustedIssuer)), jwt.Issuer));
        var matching = issuerKeys?.Current?.Find(jwt.Kid, jwt.Alg) ?? [];
        checks.Add(new("kid", matching.Count > 0, $"one of {string.Join(", ", issuerKeys?.Current?.KeyIds ?? [])}", jwt.Kid));
        checks.Add(new("signature", matching.Count > 0 && await SignatureVerifies(jwt, matching, settings.Algorithms),
            "verifies with the key named by kid", matching.Count > 0 ? $"checked with key {jwt.Kid}" : "no key to check with"));
        var audiences = AudienceClaims.Found(jwt, settings.AudienceClaim);
        checks.Add(new("audience", audiences.Contains(settings.Audience, StringComparer.Ordinal), $"{settings.AudienceClaim} {settings.Audience}", string.Join(", ", audiences)));
        checks.Add(LifetimeCheck(jwt, settings.ClockSkew));
        var paths = settings.PermissionPaths;
        var permissions = paths.SelectMany(path => path.Values(jwt)).Distinct().ToArray();
        checks.Add(new("permissions", true,
            $"any of {string.Join(", ", Permissions.All)} in {string.Join(" or ", paths.Select(path => path.Path))}, for the endpoints that need them",
            permissions.Length == 0 ? "none" : string.Join(", ", permissions)));
        checks.Add(await dpop.CheckAsync(jwt, proof));
        return new(checks.TrueForAll(c => c.Passed), checks);
    }

    private TokenCheck LifetimeCheck(JsonWebToken jwt, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hasExpiry = jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _);
        // DateTimeUtil.Add stops at DateTime's limits: an exp of 2^63-1 is DateTime.MaxValue, and MaxValue + skew throws.
        var expired = hasExpiry && DateTimeUtil.Add(jwt.ValidTo, skew) < now;
        var early = jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom > DateTimeUtil.Add(now, skew);
        var found = hasExpiry
            ? $"nbf {Format(jwt.ValidFrom)}, exp {Format(jwt.ValidTo)}, now {Format(now)}"
            : "no exp claim";
        return new("lifetime", hasExpiry && !expired && !early, $"nbf - {skew.TotalSeconds}s <= now <= exp + {skew.TotalSeconds}s", found);
    }

    private static async Task<bool> SignatureVerifies(JsonWebToken jwt, IReadOnlyList<SecurityKey> candidates, string[] algorithms)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = candidates,
            ValidAlgorithms = algorithms,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        return result.IsValid;
    }

    private static string Format(DateTime value) => value == DateTime.MinValue ? "(none)" : value.ToString("u");
}

internal sealed record TokenCheck(string Check, bool Passed, string Expected, string? Found);

internal sealed record TokenExplanation(bool Accepted, IReadOnlyList<TokenCheck> Checks);

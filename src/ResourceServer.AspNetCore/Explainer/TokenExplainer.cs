using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Introspection;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Rejections;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Explainer;

/// <summary>Answers "why is my token rejected?": runs each check the API makes, one by one, and reports expected
/// against found. A diagnosis for people; the decision itself is <see cref="AccessTokenHandler"/>'s.</summary>
internal sealed class TokenExplainer(
    IssuerKeyStore keys, AccessTokenRules rules, IOptions<Auth0Options> options, DpopExplainer dpop, CertificateExplainer certificate,
    AccessTokenHandler handler, IOptionsMonitor<JwtBearerOptions> jwtBearer, IntrospectedTokens introspection, EndpointDataSource endpoints, IAuthorizationPolicyProvider policies, PermissionClaims permissionClaims, TimeProvider time, LocalPort? localPort = null)
{
    /// <summary>The checks of <paramref name="token"/>, and of the DPoP <paramref name="proof"/> or the client certificate (by
    /// its thumbprint, <paramref name="certificateThumbprint"/>) sent with it, if any; then, for each endpoint that needs a
    /// permission, whether the token holds it.</summary>
    public async Task<TokenExplanation> ExplainAsync(string token, string? proof = null, string? certificateThumbprint = null)
    {
        var settings = options.Value;
        var checks = new List<TokenCheck>();
        if (handler.AsksIssuer(token))
            return await ExplainIntrospectedAsync(token, proof, certificateThumbprint);
        if (AccessTokenHandler.Read(token, out var jwt) is { } unreadable)
        {
            checks.Add(new("format", false, ExpectedFormat, token.Length == 0 ? "no token" : unreadable.Message));
            return new(false, checks, await EndpointChecks(accepted: false, []));
        }
        checks.Add(new("format", true, ExpectedFormat, "a signed JWT (JWS)"));
        // The handler's own pre-signature rules, from the same method, so this can never disagree with its verdict.
        var broken = rules.Check(jwt);
        checks.Add(new("rules", broken is null, "the access-token rules that need no key", broken?.Message ?? "all hold"));
        checks.Add(new("algorithm", settings.Algorithms.Contains(jwt.Alg), string.Join(" or ", settings.Algorithms), jwt.Alg));
        checks.Add(new("typ", AccessTokenTypes.IsAccepted(jwt, settings.RequireAccessTokenType),
            AccessTokenTypes.Describe(settings.RequireAccessTokenType), AccessTokenTypes.Found(jwt)));
        // As the handler does: a token that arrives before its issuer's first keys causes the fetch, and the discovery
        // document fetched decides which iss the issuer's tokens carry.
        if (keys.Find(jwt.Issuer) is { Current: null } unfetched)
            await unfetched.RefreshOnDemandAsync();
        checks.Add(new("issuer", keys.Trusts(jwt.Issuer), keys.ExpectedIssuers, jwt.Issuer));
        checks.AddRange(await KeyChecks(jwt, keys.Find(jwt.Issuer), settings));
        var audiences = AudienceClaims.Found(jwt, settings.AudienceClaim);
        checks.Add(new("audience", audiences.Contains(settings.Audience, StringComparer.Ordinal), $"{settings.AudienceClaim} {settings.Audience}", string.Join(", ", audiences)));
        checks.Add(LifetimeCheck(jwt, settings.ClockSkew));
        checks.Add(await dpop.CheckAsync(jwt, token, proof));
        if (certificate.Check(jwt, certificateThumbprint) is { } certificateCheck)
            checks.Add(certificateCheck);
        var permissions = permissionClaims.GrantedBy(jwt);
        var accepted = checks.TrueForAll(c => c.Passed);
        return new(accepted, checks, await EndpointChecks(accepted, permissions));
    }

    private string ExpectedFormat => introspection.Enabled
        ? "a signed JWT (JWS) of a trusted issuer, or a token its issuer's introspection endpoint calls active"
        : "a signed JWT (JWS): three base64url segments of JSON objects";

    /// <summary>A token its issuer is asked about, judged by the handler itself with the API's own parameters (its
    /// caches first, so the verdict is the one a request gets): the answer's verdict, then the bindings and permissions
    /// of the claims it holds.</summary>
    private async Task<TokenExplanation> ExplainIntrospectedAsync(string token, string? proof, string? certificateThumbprint)
    {
        var result = await handler.ValidateTokenAsync(token, jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters);
        List<TokenCheck> checks =
        [
            new("format", true, ExpectedFormat, "not a JWT of a trusted issuer: its issuer's to judge"),
            new("introspection", result.IsValid, $"active, issued by the trusted issuer for {options.Value.Audience}, within its lifetime",
                result.IsValid ? "active" : TokenRejection.From(result.Exception).Description),
        ];
        if (result is { IsValid: true, SecurityToken: JsonWebToken answer })
        {
            checks.Add(await dpop.CheckAsync(answer, token, proof));
            if (certificate.Check(answer, certificateThumbprint) is { } certificateCheck)
                checks.Add(certificateCheck);
        }
        var accepted = checks.TrueForAll(c => c.Passed);
        return new(accepted, checks, await EndpointChecks(accepted, result.SecurityToken is JsonWebToken claims ? permissionClaims.GrantedBy(claims) : []));
    }

    private async Task<IReadOnlyList<TokenCheck>> KeyChecks(JsonWebToken jwt, IssuerSigningKeys? issuerKeys, Auth0Options settings)
    {
        const string signature = "verifies with the key named by kid";
        if (issuerKeys?.Current is not { } current)
        {
            var why = issuerKeys?.WhyNoKeys is { } noKeys ? noKeys
                : string.IsNullOrEmpty(jwt.Issuer) ? "the token names no issuer (iss), so no keys are looked up"
                : $"issuer {jwt.Issuer} is not trusted, so its keys are not looked up";
            var hint = issuerKeys is null && !string.IsNullOrEmpty(jwt.Issuer) ? IssuerOnAnotherPort.Hint(jwt.Issuer, keys.TrustedIssuers, localPort?.Port) : "";
            return [new("kid", false, "a key of a trusted issuer", why + hint), new("signature", false, signature, why)];
        }
        var matching = current.Find(jwt.Kid, jwt.Alg);
        return
        [
            new("kid", matching.Count > 0, $"one of {string.Join(", ", current.KeyIds)}", jwt.Kid),
            new("signature", matching.Count > 0 && await SignatureVerifies(jwt, matching, settings.Algorithms),
                signature, matching.Count > 0 ? $"checked with key {jwt.Kid}" : "no key of the issuer has this kid"),
        ];
    }

    /// <summary>One line per endpoint that needs a permission: what it needs, what the token holds, and the status it
    /// would answer (401 for a token not accepted at all, whatever it holds).</summary>
    private async Task<IReadOnlyList<EndpointCheck>> EndpointChecks(bool accepted, IReadOnlyCollection<string> held)
    {
        var paths = string.Join(" or ", options.Value.PermissionPaths.Select(path => path.Path));
        var found = held.Count == 0 ? "none" : string.Join(", ", held);
        return (await EndpointPermission.ReadAsync(endpoints, policies)).Select(endpoint =>
        {
            var holds = endpoint.Permissions.All(held.Contains);
            var status = !accepted ? StatusCodes.Status401Unauthorized : holds ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
            return new EndpointCheck(endpoint.Endpoint, holds, $"{string.Join(" and ", endpoint.Permissions)} in {paths}", found, status);
        }).ToArray();
    }

    private TokenCheck LifetimeCheck(JsonWebToken jwt, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hasExpiry = jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _);
        // DateTimeUtil.Add stops at DateTime's limits: an exp of 2^63-1 is DateTime.MaxValue, and MaxValue + skew throws.
        var expired = hasExpiry && DateTimeUtil.Add(jwt.ValidTo, skew) < now;
        var early = jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom > DateTimeUtil.Add(now, skew);
        var inverted = hasExpiry && jwt.ValidFrom > jwt.ValidTo;
        var found = hasExpiry
            ? $"nbf {Format(jwt.ValidFrom)}, exp {Format(jwt.ValidTo)}, now {Format(now)}"
            : "no exp claim";
        return new("lifetime", hasExpiry && !expired && !early && !inverted,
            $"nbf - {skew.TotalSeconds}s <= now <= exp + {skew.TotalSeconds}s, and nbf <= exp", found);
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

/// <summary>One endpoint's permission line: <see cref="Passed"/> when the token holds every permission the
/// endpoint needs; <see cref="Status"/> the answer the endpoint would give it (200, 403, or 401 when the token is not
/// accepted at all).</summary>
internal sealed record EndpointCheck(string Endpoint, bool Passed, string Expected, string Found, int Status);

/// <summary><see cref="Accepted"/>: every one of <see cref="Checks"/> passed, so the token gets past authentication (no
/// 401); <see cref="Endpoints"/> then say which endpoints that need a permission answer it 200 and which 403.</summary>
internal sealed record TokenExplanation(bool Accepted, IReadOnlyList<TokenCheck> Checks, IReadOnlyList<EndpointCheck> Endpoints);

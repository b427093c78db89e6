using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Observability;
using ResourceServer.AspNetCore.Permissions;
using ResourceServer.AspNetCore.Tokens;
using static ResourceServer.AspNetCore.Tokens.AccessTokenHandler;

namespace ResourceServer.AspNetCore.Introspection;

/// <summary>Opaque access tokens, judged by their issuer's introspection answer (RFC 7662) as a JWT is by its claims:
/// active, issued by the trusted issuer (its <c>iss</c>, when the answer names one), for this API (<c>aud</c>, or the
/// configured audience claim), within its lifetime. The answer becomes the token's claims, a JWT payload without a
/// signature, so permissions, <c>cnf</c> bindings and the caches treat it as they treat a JWT: an active answer is
/// remembered in the validated-token cache until the token's <c>exp</c> or <see cref="IntrospectionOptions.CacheMaxLifetime"/>,
/// a refusal in the rejected-token cache, and concurrent requests with one uncached token make one call.</summary>
internal sealed class IntrospectedTokens(
    IOptions<IntrospectionOptions> options, IOptions<Auth0Options> auth0, IssuerKeyStore keys, IntrospectionClient client,
    PermissionClaims permissions, ValidatedTokenCache validated, RejectedTokenCache rejected, IntrospectionAvailability availability,
    AuthMetrics metrics, TimeProvider time)
{
    private const string UnsignedHeader = """{"alg":"none"}""";
    private static readonly string EncodedHeader = Base64UrlEncoder.Encode(UnsignedHeader);

    private readonly IntrospectionOptions _options = options.Value;
    private readonly Auth0Options _auth0 = auth0.Value;
    private readonly ConcurrentDictionary<string, Lazy<Task<TokenValidationResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrentCalls);

    public bool Enabled => _options.Enabled;

    /// <summary>Whether <paramref name="token"/>, which is no JWT this API reads, could be an opaque token: RFC 6750's
    /// b64token, and not shaped as a compact JWS (two dots), which is judged as one. Anything else is refused as
    /// malformed without a call.</summary>
    public static bool CouldBeOpaque(string token) =>
        token.Length <= AccessTokenHandler.MaxTokenLength && token.TrimEnd('=') is { Length: > 0 } text
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/')
        && token.AsSpan().Count('.') != 2;

    public async Task<TokenValidationResult> ValidateAsync(string token, TokenValidationParameters parameters)
    {
        var issuerKeys = IssuerKeys();
        if (issuerKeys.Discovery is null && _options.Endpoint is null)
            await issuerKeys.RefreshOnDemandAsync();
        if ((_options.Endpoint ?? issuerKeys.Discovery?.IntrospectionEndpoint) is not { Length: > 0 } endpoint)
            return Unavailable(new IntrospectionUnavailableException(issuerKeys.Discovery is null
                ? "The issuer's discovery document, which names its introspection endpoint, is unavailable."
                : "The issuer's discovery document names no introspection_endpoint: set Auth0:Introspection:Endpoint."));
        if (rejected.TryGet(token, out var failure))
            return Failed(failure);
        var call = _inFlight.GetOrAdd(token, _ => new Lazy<Task<TokenValidationResult>>(() => AskAsync(token, endpoint, issuerKeys, parameters)));
        try
        {
            var result = await call.Value;
            // Each request gets its own identity, as from the cache: waiters on one call share nothing they could change.
            return result.IsValid ? new TokenValidationResult { IsValid = true, SecurityToken = result.SecurityToken, ClaimsIdentity = result.ClaimsIdentity.Clone(), Issuer = result.Issuer } : result;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(token, call));
        }
    }

    private async Task<TokenValidationResult> AskAsync(string token, string endpoint, IssuerSigningKeys issuerKeys, TokenValidationParameters parameters)
    {
        if (!_calls.Wait(0))
            return Failed(new IntrospectionUnavailableException("Too many introspection calls are in flight; try again shortly."));
        var started = time.GetTimestamp();
        try
        {
            using var answer = await client.IntrospectAsync(endpoint, issuerKeys.TrustedIssuer, token);
            availability.Answered();
            var snapshot = issuerKeys.Current;
            var result = Judge(answer.RootElement, issuerKeys.TrustedIssuer, parameters);
            metrics.IntrospectionCalled(answer.RootElement.GetProperty("active").GetBoolean() ? "active" : "inactive", time.GetElapsedTime(started));
            if (snapshot is not null && result.IsValid && _options.CacheMaxLifetime > TimeSpan.Zero)
                validated.Add(token, (JsonWebToken)result.SecurityToken, result, snapshot, time.GetUtcNow() + _options.CacheMaxLifetime);
            else if (snapshot is not null && !result.IsValid)
                rejected.Add(token, issuerKeys.TrustedIssuer, result.Exception, snapshot);
            return result;
        }
        catch (IntrospectionUnavailableException unavailable)
        {
            metrics.IntrospectionCalled("unavailable", time.GetElapsedTime(started));
            return Unavailable(unavailable);
        }
        finally
        {
            _calls.Release();
        }
    }

    private TokenValidationResult Judge(JsonElement answer, string trustedIssuer, TokenValidationParameters parameters)
    {
        if (!answer.GetProperty("active").GetBoolean())
            return Failed(new InactiveTokenException());
        var claims = JsonNode.Parse(answer.GetRawText())!.AsObject();
        // The issuer asked vouches for the token: an answer that names no iss names it.
        claims["iss"] ??= trustedIssuer;
        var payload = claims.ToJsonString();
        // The JWS rules a token's claims keep (NumericDates, cnf an object), so nothing below reads them differently.
        if (JwsRules.Check(EncodedHeader, Base64UrlEncoder.Encode(payload)) is { } broken)
            return Failed(new JwsRuleException(broken));
        var jwt = new JsonWebToken(UnsignedHeader, payload);
        if (jwt.Issuer != trustedIssuer)
            return Failed(new SecurityTokenInvalidIssuerException("The introspection answer names another issuer."));
        if (!AudienceClaims.Found(jwt, _auth0.AudienceClaim).Contains(_auth0.Audience, StringComparer.Ordinal))
            return Failed(new SecurityTokenInvalidAudienceException("The introspection answer names another audience."));
        var now = time.GetUtcNow().UtcDateTime;
        if (jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _) && DateTimeUtil.Add(jwt.ValidTo, _auth0.ClockSkew) < now)
            return Failed(new SecurityTokenExpiredException("The introspection answer's exp has passed."));
        if (jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Nbf, out _) && jwt.ValidFrom > DateTimeUtil.Add(now, _auth0.ClockSkew))
            return Failed(new SecurityTokenNotYetValidException("The introspection answer's nbf is in the future."));
        var identity = permissions.Establish(parameters.CreateClaimsIdentity(jwt, jwt.Issuer), jwt);
        return new TokenValidationResult { IsValid = true, SecurityToken = jwt, ClaimsIdentity = identity, Issuer = jwt.Issuer };
    }

    private IssuerSigningKeys IssuerKeys() => _options.Issuer is { } issuer
        ? keys.Issuers.First(candidate => IssuerIdentifier.Same(candidate.Issuer, issuer))
        : keys.Issuers.First();

    private TokenValidationResult Unavailable(IntrospectionUnavailableException unavailable)
    {
        availability.Unavailable(unavailable);
        return Failed(unavailable);
    }
}

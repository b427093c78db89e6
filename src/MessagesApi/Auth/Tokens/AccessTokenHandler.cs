using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>JwtBearer's token handler: cheap structural checks before any crypto, the issuer's keys (refreshed once
/// on an unknown <c>kid</c>), <see cref="JsonWebTokenHandler"/> for the validation itself, and caches of successes and
/// failures.</summary>
internal sealed class AccessTokenHandler(
    IssuerKeyStore keys, ValidatedTokenCache cache, RejectedTokenCache rejected, IOptions<Auth0Options> options, TimeProvider time)
    : TokenHandler
{
    // Auth0 access tokens are about 1 KB; anything this large is not one of them.
    public const int MaxTokenLength = 16 * 1024;

    private readonly JsonWebTokenHandler _inner = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly HashSet<string> _algorithms = new(options.Value.Algorithms, StringComparer.Ordinal);
    private readonly bool _requireAccessTokenType = options.Value.RequireAccessTokenType;
    private readonly string _audienceClaim = options.Value.AudienceClaim;
    private readonly string _audience = options.Value.Audience ?? "";

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        if (cache.TryGet(token, out var cached))
            return cached;
        if (Read(token, out var jwt) is { } malformed)
            return Failed(malformed);
        if (Check(jwt, parameters) is { } violation)
            return Failed(violation);
        var issuerKeys = keys.Find(jwt.Issuer);
        if (issuerKeys is null)
            return Failed(new SecurityTokenInvalidIssuerException("The token's issuer is not trusted.") { InvalidIssuer = jwt.Issuer });
        if (issuerKeys.Current is null && !await issuerKeys.RefreshOnDemandAsync())
            return Failed(new SigningKeysUnavailableException(issuerKeys.Issuer));
        if (rejected.TryGet(token, out var failure))
            return Failed(failure);

        // Each validation is tied to the keys read just before it: the key resolver reads them a moment later, so a
        // refresh in between makes the cached result look older than it is (a needless re-validation), never newer.
        var validatedAgainst = issuerKeys.Current!;
        var result = await _inner.ValidateTokenAsync(jwt, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await issuerKeys.RefreshOnDemandAsync())
        {
            validatedAgainst = issuerKeys.Current!;
            result = await _inner.ValidateTokenAsync(jwt, parameters);
        }
        if (result.IsValid)
            cache.Add(token, jwt, result, validatedAgainst);
        else
            rejected.Add(token, jwt.Issuer, result.Exception, validatedAgainst);
        return result;
    }

    /// <summary>Shape checks on the raw string before it is parsed; nothing here touches a key.</summary>
    private static Exception? Read(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        if (token.Length > MaxTokenLength)
            return new SecurityTokenMalformedException("The token is too large.");
        var dots = token.AsSpan().Count('.');
        if (dots == 4)
            return new SecurityTokenMalformedException("Encrypted tokens (JWE) are not accepted.");
        if (dots != 2 || !IsBase64UrlOrDot(token))
            return new SecurityTokenMalformedException("The token is not a well-formed JWT.");
        try
        {
            jwt = new JsonWebToken(token);
            return null;
        }
        catch (ArgumentException)
        {
            return new SecurityTokenMalformedException("The token is not a well-formed JWT.");
        }
    }

    /// <summary>Header and claim rules that <see cref="JsonWebTokenHandler"/> does not enforce, checked before the signature.</summary>
    private Exception? Check(JsonWebToken jwt, TokenValidationParameters parameters)
    {
        if (!_algorithms.Contains(jwt.Alg))
            return new SecurityTokenInvalidAlgorithmException($"The algorithm '{Printable(jwt.Alg)}' is not allowed.") { InvalidAlgorithm = jwt.Alg };
        if (_audienceClaim != AudienceClaims.Aud && !AudienceClaims.Found(jwt, _audienceClaim).Contains(_audience, StringComparer.Ordinal))
            return new SecurityTokenInvalidAudienceException($"The token's {_audienceClaim} is not this API.");
        if (!AccessTokenTypes.IsAccepted(jwt, _requireAccessTokenType))
            return new SecurityTokenInvalidTypeException("The token type (typ) is not accepted.");
        // RFC 7515 §4.1.11: a recipient must reject critical extensions it does not understand, and we understand none.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
            return new SecurityTokenMalformedException("The token names critical header extensions, which are not supported.");
        if (NumericDates.FirstNotNumeric(jwt) is { } notNumeric)
            return new NotNumericDateException(notNumeric);
        if (!jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _))
            return new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        if (jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Iat, out _) && jwt.IssuedAt > time.GetUtcNow().UtcDateTime + parameters.ClockSkew)
            return new SecurityTokenInvalidLifetimeException("The token claims to be issued in the future (iat).");
        return null;
    }

    private static bool IsBase64UrlOrDot(string token)
    {
        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                return false;
        }
        return true;
    }

    private static string Printable(string? value) => value is { Length: <= 20 } && value.All(char.IsAsciiLetterOrDigit) ? value : "(unprintable)";

    private static TokenValidationResult Failed(Exception exception) => new() { IsValid = false, Exception = exception };
}

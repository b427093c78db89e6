using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>The access-token rules that need no key, which <see cref="JsonWebTokenHandler"/> does not enforce, for a token
/// that keeps the <see cref="JwsRules"/>: checked before any signature by <see cref="AccessTokenHandler"/>, and reported by
/// the explainer from this same method.</summary>
internal sealed class AccessTokenRules(IOptions<Auth0Options> options, TimeProvider time)
{
    // JWS algorithm names are short (ML-DSA-65 has 9 characters): 20 leaves room for new ones, not for padding a line.
    private const int MaxAlgorithmLength = 20;

    private readonly HashSet<string> _algorithms = new(options.Value.Algorithms, StringComparer.Ordinal);
    private readonly bool _requireAccessTokenType = options.Value.RequireAccessTokenType;
    private readonly IReadOnlyList<RequiredClaim> _requiredClaims = options.Value.RequiredClaimRules;
    private readonly string _audienceClaim = options.Value.AudienceClaim;
    private readonly string _audience = options.Value.Audience ?? "";
    private readonly TimeSpan _clockSkew = options.Value.ClockSkew;

    /// <summary>The first rule <paramref name="jwt"/> breaks, as the exception the handler fails with; null when none.</summary>
    public Exception? Check(JsonWebToken jwt)
    {
        if (!_algorithms.Contains(jwt.Alg))
            return new SecurityTokenInvalidAlgorithmException($"The algorithm '{PrintableText.Of(jwt.Alg, MaxAlgorithmLength)}' is not allowed.");
        // Before the audience: an ID token is often for another audience too, and "not an access token" says why.
        if (_requiredClaims.FirstOrDefault(claim => !claim.IsHeldBy(jwt)) is { } missing)
            return new RequiredClaimException(missing);
        if (_audienceClaim != AudienceClaims.Aud && !AudienceClaims.Found(jwt, _audienceClaim).Contains(_audience, StringComparer.Ordinal))
            return new SecurityTokenInvalidAudienceException($"The token's {_audienceClaim} is not this API.");
        if (!AccessTokenTypes.IsAccepted(jwt, _requireAccessTokenType))
            return new SecurityTokenInvalidTypeException("The token type (typ) is not accepted.");
        if (!jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _))
            return new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        if (jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Iat, out _) && jwt.IssuedAt > DateTimeUtil.Add(time.GetUtcNow().UtcDateTime, _clockSkew))
            return new SecurityTokenInvalidLifetimeException("The token claims to be issued in the future (iat).");
        return null;
    }
}

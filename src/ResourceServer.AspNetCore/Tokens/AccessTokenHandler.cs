using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Introspection;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Permissions;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>JwtBearer's token handler: cheap structural checks before any crypto, the issuer's keys (refreshed once
/// on an unknown <c>kid</c>), <see cref="JsonWebTokenHandler"/> for the validation itself, and caches of successes and
/// failures.</summary>
internal sealed class AccessTokenHandler(
    IssuerKeyStore keys, AccessTokenRules rules, PermissionClaims permissions, ValidatedTokenCache cache, RejectedTokenCache rejected,
    IntrospectedTokens introspection)
    : TokenHandler
{
    // Auth0 access tokens are about 1 KB; anything this large is not one of them.
    public const int MaxTokenLength = 16 * 1024;

    private const string NotWellFormed = "The token is not a well-formed JWT.";

    private readonly JsonWebTokenHandler _inner = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        if (cache.TryGet(token, out var cached))
            return cached;
        var malformed = Read(token, out var jwt);
        if (AsksIssuer(token, malformed is null ? jwt : null))
            return await introspection.ValidateAsync(token, parameters);
        if (malformed is not null)
            return Failed(malformed);
        var issuerKeys = keys.Find(jwt.Issuer);
        if (rules.Check(jwt) is { } violation)
            return Failed(violation);
        if (issuerKeys is null)
            return Failed(IssuerKeyStore.NotTrusted());
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
        {
            result.ClaimsIdentity = permissions.Establish(result.ClaimsIdentity, jwt);
            cache.Add(token, jwt, result, validatedAgainst);
        }
        else
            rejected.Add(token, jwt.Issuer, result.Exception, validatedAgainst);
        return result;
    }

    /// <summary>Whether <paramref name="token"/> is its issuer's to judge by introspection, as this handler routes it.</summary>
    public bool AsksIssuer(string token) => AsksIssuer(token, Read(token, out var jwt) is null ? jwt : null);

    /// <summary>A JWT of a trusted issuer is checked here; anything else that could be a token (<paramref name="jwt"/>
    /// the token read as a JWS, null when it does not read as one) is its issuer's to judge, when introspection is on.</summary>
    private bool AsksIssuer(string token, JsonWebToken? jwt) =>
        introspection.Enabled && (jwt is null ? IntrospectedTokens.CouldBeOpaque(token) : keys.Find(jwt.Issuer) is null);

    /// <summary>Shape checks on the raw string before it is parsed; nothing here touches a key. Null, with the parsed
    /// <paramref name="jwt"/>, when it reads as a compact JWS.</summary>
    public static Exception? Read(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        if (token.Length > MaxTokenLength)
            return new SecurityTokenMalformedException("The token is too large.");
        var dots = token.AsSpan().Count('.');
        if (dots == 4)
            return new SecurityTokenMalformedException("Encrypted tokens (JWE) are not accepted.");
        if (dots != 2 || !IsBase64UrlOrDot(token))
            return new SecurityTokenMalformedException(NotWellFormed);
        // Before IdentityModel parses it: its reader is lenient where RFC 7515 is not.
        var segments = token.Split('.');
        if (JwsRules.Check(segments[0], segments[1]) is { } broken)
            return new JwsRuleException(broken);
        try
        {
            jwt = new JsonWebToken(token);
            return null;
        }
        catch (ArgumentException)
        {
            return new SecurityTokenMalformedException(NotWellFormed);
        }
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

    public static TokenValidationResult Failed(Exception exception) => new() { IsValid = false, Exception = exception };
}

using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>The signing keys of every trusted issuer; a token's <c>iss</c> picks whose keys verify it, and must be
/// exactly the issuer that issuer's discovery document names.</summary>
internal sealed class IssuerKeyStore
{
    public const string BackchannelName = "oidc-backchannel";

    private readonly IssuerSigningKeys[] _issuers;

    public IssuerKeyStore(IOptions<Auth0Options> options, IHttpClientFactory httpClients, TimeProvider time, AuthMetrics metrics, ILogger<IssuerKeyStore> logger)
    {
        HttpClient Backchannel() => httpClients.CreateClient(BackchannelName);
        _issuers = [.. options.Value.Issuers.Select(issuer => new IssuerSigningKeys(issuer, Backchannel, options.Value, time, metrics, logger))];
    }

    public IReadOnlyCollection<IssuerSigningKeys> Issuers => _issuers;

    /// <summary>The keys of the trusted issuer whose tokens carry <paramref name="issuer"/> (see
    /// <see cref="IssuerSigningKeys.Serves"/>); null for any other, so an unlisted issuer never causes a fetch.</summary>
    public IssuerSigningKeys? Find(string? issuer) =>
        issuer is null ? null : Array.Find(_issuers, keys => keys.Serves(issuer));

    /// <summary>Whether tokens carrying <paramref name="issuer"/> are trusted: it is exactly what a trusted issuer's
    /// accepted discovery document names.</summary>
    public bool Trusts(string? issuer) => Find(issuer)?.Discovery is not null;

    /// <summary>The <c>iss</c> trusted tokens carry: each issuer's <see cref="IssuerSigningKeys.TrustedIssuer"/>.</summary>
    public IReadOnlyList<string> TrustedIssuers => [.. _issuers.Select(issuer => issuer.TrustedIssuer)];

    /// <summary><see cref="TrustedIssuers"/> for people.</summary>
    public string ExpectedIssuers => string.Join(" or ", TrustedIssuers);

    /// <summary>A <see cref="TokenValidationParameters.IssuerValidator"/>: see <see cref="Trusts"/>.</summary>
    public string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters) =>
        Trusts(issuer) ? issuer : throw NotTrusted();

    /// <summary>The failure of a token whose issuer is not one of <see cref="TrustedIssuers"/>.</summary>
    public static SecurityTokenInvalidIssuerException NotTrusted() => new("The token's issuer is not trusted.");

    /// <summary>An <see cref="TokenValidationParameters.IssuerSigningKeyResolver"/>: only the keys whose <c>kid</c> matches,
    /// from the token's own issuer, that may verify the token's <c>alg</c>. Header parameters such as jwk, jku, x5u and
    /// x5c are never consulted.</summary>
    public IEnumerable<SecurityKey> ResolveSigningKeys(string token, SecurityToken securityToken, string keyId, TokenValidationParameters parameters) =>
        securityToken is JsonWebToken jwt ? Find(jwt.Issuer)?.Current?.Find(keyId, jwt.Alg) ?? [] : [];
}

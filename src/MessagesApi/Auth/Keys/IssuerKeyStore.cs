using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MessagesApi.Observability;

namespace MessagesApi.Auth;

/// <summary>The signing keys of every trusted issuer; a token's <c>iss</c> picks whose keys verify it.</summary>
internal sealed class IssuerKeyStore
{
    public const string BackchannelName = "oidc-backchannel";

    private readonly Dictionary<string, IssuerSigningKeys> _byIssuer;

    public IssuerKeyStore(IOptions<Auth0Options> options, IHttpClientFactory httpClients, TimeProvider time, AuthMetrics metrics, ILogger<IssuerKeyStore> logger)
    {
        HttpClient Backchannel() => httpClients.CreateClient(BackchannelName);
        _byIssuer = options.Value.Issuers.ToDictionary(
            issuer => issuer,
            issuer => new IssuerSigningKeys(issuer, Backchannel, options.Value, time, metrics, logger),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<IssuerSigningKeys> Issuers => _byIssuer.Values;

    /// <summary>The keys of a trusted issuer; null for any other, so an unlisted issuer never causes a fetch.</summary>
    public IssuerSigningKeys? Find(string? issuer) =>
        issuer is not null && _byIssuer.TryGetValue(issuer, out var keys) ? keys : null;

    /// <summary>An <see cref="TokenValidationParameters.IssuerSigningKeyResolver"/>: only the keys whose <c>kid</c> matches,
    /// from the token's own issuer, that may verify the token's <c>alg</c>. Header parameters such as jwk, jku, x5u and
    /// x5c are never consulted.</summary>
    public IEnumerable<SecurityKey> ResolveSigningKeys(string token, SecurityToken securityToken, string keyId, TokenValidationParameters parameters) =>
        securityToken is JsonWebToken jwt ? Find(jwt.Issuer)?.Current?.Find(keyId, jwt.Alg) ?? [] : [];
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Dpop;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>The development DPoP client's key (ES256 on P-256), kept in a file beside the issuer's keys so that every
/// run of the <c>dpop-proof</c> and <c>token --dpop</c> commands signs with the same key: the key a curl user holds.</summary>
internal sealed class DevDpopKey
{
    private readonly ECDsaSecurityKey _key;
    private readonly Dictionary<string, object> _publicJwk;

    public DevDpopKey(DevIssuerOptions options)
    {
        var file = new KeyFile(Path.ChangeExtension(options.KeyFile, ".dpop-key.pem"));
        var pem = file.ReadOrNull() ?? file.CreateOrRead(Encoding.ASCII.GetBytes(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()));
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Encoding.ASCII.GetString(pem));
        _key = new ECDsaSecurityKey(ecdsa);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var jwk = new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv = JsonWebKeyECTypes.P256, X = Base64UrlEncoder.Encode(point.X), Y = Base64UrlEncoder.Encode(point.Y) };
        _publicJwk = new() { ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y };
        Thumbprint = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    /// <summary>RFC 7638: what a token bound to this key carries as <c>cnf.jkt</c>.</summary>
    public string Thumbprint { get; }

    /// <summary>A proof (RFC 9449 §4.2) for one request to <paramref name="url"/>; with <c>ath</c> when it goes with
    /// <paramref name="accessToken"/>, without for a token request.</summary>
    public string Proof(string method, string url, string? accessToken)
    {
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        if (accessToken is not null)
            claims["ath"] = DpopProof.AccessTokenHashOf(accessToken);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "dpop+jwt",
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = _publicJwk },
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}

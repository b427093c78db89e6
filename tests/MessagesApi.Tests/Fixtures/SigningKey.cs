using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>An RSA key pair with a kid, as an issuer would hold it.</summary>
public sealed class SigningKey
{
    public SigningKey(string? keyId = null, int keySize = 2048)
    {
        Rsa = RSA.Create(keySize);
        KeyId = keyId ?? Guid.NewGuid().ToString("N")[..12];
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = KeyId };
    }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The JWK's <c>use</c>; null leaves it out.</summary>
    public string? Use { get; init; } = "sig";

    /// <summary>The JWK's <c>alg</c>; null leaves it out.</summary>
    public string? Alg { get; init; } = "RS256";

    /// <summary>The public key as a JWKS entry; some issuers publish keys without a kid.</summary>
    public Dictionary<string, string> PublicJwk(bool withKeyId = true)
    {
        var parameters = Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, string> { ["kty"] = "RSA" };
        if (Use is not null)
            jwk["use"] = Use;
        if (Alg is not null)
            jwk["alg"] = Alg;
        if (withKeyId)
            jwk["kid"] = KeyId;
        jwk["n"] = Base64UrlEncoder.Encode(parameters.Modulus);
        jwk["e"] = Base64UrlEncoder.Encode(parameters.Exponent);
        return jwk;
    }

    public string PublicKeyPem() => Rsa.ExportSubjectPublicKeyInfoPem();
}

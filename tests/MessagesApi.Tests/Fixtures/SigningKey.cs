using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>An RSA key pair with a kid, as an issuer would hold it, for one algorithm (RS256 unless asked: PS256…).</summary>
public sealed class SigningKey
{
    public SigningKey(string? keyId = null, string algorithm = SecurityAlgorithms.RsaSha256, int keySize = 2048)
        : this(RSA.Create(keySize), keyId, algorithm)
    {
    }

    /// <summary>A key the test already holds, such as one it handed to a real issuer.</summary>
    public SigningKey(RSA rsa, string? keyId, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        Rsa = rsa;
        KeyId = keyId ?? Guid.NewGuid().ToString("N")[..12];
        Algorithm = algorithm;
        Alg = algorithm;
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = KeyId };
    }

    /// <summary>The algorithm tokens signed with this key use.</summary>
    public string Algorithm { get; }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The JWK's <c>use</c>; null leaves it out.</summary>
    public string? Use { get; init; } = "sig";

    /// <summary>The JWK's <c>alg</c>, <see cref="Algorithm"/> unless set; null leaves it out.</summary>
    public string? Alg { get; init; }

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

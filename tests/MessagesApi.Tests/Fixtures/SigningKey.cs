using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>An RSA key pair with a kid, as an issuer would hold it.</summary>
public sealed class SigningKey
{
    public SigningKey(string? keyId = null)
    {
        Rsa = RSA.Create(2048);
        KeyId = keyId ?? Guid.NewGuid().ToString("N")[..12];
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = KeyId };
    }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public object PublicJwk()
    {
        var parameters = Rsa.ExportParameters(false);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = "RS256",
            kid = KeyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public string PublicKeyPem() => Rsa.ExportSubjectPublicKeyInfoPem();
}

using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Tests.Fixtures;

/// <summary>An elliptic-curve key pair with a kid, published as an EC JWK under the curve name <paramref name="crv"/>.</summary>
public sealed class EcSigningKey(ECCurve curve, string crv)
{
    public ECDsa Ecdsa { get; } = ECDsa.Create(curve);

    public string KeyId { get; } = Guid.NewGuid().ToString("N")[..12];

    public Dictionary<string, string> PublicJwk()
    {
        var point = Ecdsa.ExportParameters(false).Q;
        return new() { ["kty"] = "EC", ["use"] = "sig", ["kid"] = KeyId, ["crv"] = crv, ["x"] = Base64UrlEncoder.Encode(point.X), ["y"] = Base64UrlEncoder.Encode(point.Y) };
    }

    /// <summary>Signs as JWS does with ECDSA (r and s concatenated), hashing with the SHA-2 that <paramref name="alg"/> names,
    /// whatever the curve: an issuer may pair them wrongly.</summary>
    public string Sign(TokenBuilder token, string alg) =>
        token.WithHeader("alg", alg).WithHeader("kid", KeyId).BuildWith(input => Ecdsa.SignData(input, alg[2..] switch
        {
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        }));
}

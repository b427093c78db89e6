using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>A JWKS key that <see cref="SigningKeyPolicy"/> admitted: the key as <c>JsonWebTokenHandler</c> uses it (two
/// when the JWK carries both n/e and x5c) and the token algorithms it may verify.</summary>
internal sealed record TrustedKey(IReadOnlyList<SecurityKey> SecurityKeys, IReadOnlySet<string> Algorithms, TrustedKeyMaterial Material)
{
    public string? KeyId => Material.KeyId;
}

/// <summary>A JWK as published, minus <c>use</c> (always "sig" once admitted): two loads of equal material verify exactly
/// the same tokens, while a reused kid with another key, or another alg, is different material.</summary>
internal readonly record struct TrustedKeyMaterial(
    string? KeyId, string? Alg, string Kty, string? N, string? E, string? Crv, string? X, string? Y, string X5c)
{
    public static TrustedKeyMaterial Of(JsonWebKey jwk) =>
        new(jwk.Kid, jwk.Alg, jwk.Kty, jwk.N, jwk.E, jwk.Crv, jwk.X, jwk.Y, string.Join(' ', jwk.X5c));
}

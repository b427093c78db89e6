using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>Which keys of an issuer's JWKS may verify tokens, and for which algorithms: RSA keys of at least 2048 bits
/// for RS*/PS*, EC keys on P-256, P-384 or P-521 each for its own ES algorithm only, never a key meant for encryption; a
/// key whose JWK names an <c>alg</c> verifies only that algorithm; and only algorithms in <c>Auth0:Algorithms</c>.</summary>
internal sealed class SigningKeyPolicy(IReadOnlyCollection<string> allowedAlgorithms)
{
    public const int MinimumRsaKeySize = 2048;

    private static readonly string[] RsaAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    // RFC 7518 §3.4: each ES algorithm is defined for one curve.
    private static readonly Dictionary<string, string> EcAlgorithmByCurve = new(StringComparer.Ordinal)
    {
        [JsonWebKeyECTypes.P256] = SecurityAlgorithms.EcdsaSha256,
        [JsonWebKeyECTypes.P384] = SecurityAlgorithms.EcdsaSha384,
        [JsonWebKeyECTypes.P521] = SecurityAlgorithms.EcdsaSha512,
    };

    /// <summary>RS*, PS* and ES*: the algorithms a public key verifies. A shared-secret or "none" algorithm is never one.</summary>
    public static bool IsAsymmetric(string algorithm) =>
        RsaAlgorithms.Contains(algorithm, StringComparer.Ordinal) || EcAlgorithmByCurve.ContainsValue(algorithm);

    /// <summary>The algorithms a key of this type (and curve) is defined for: every RS* and PS* for RSA, the curve's own
    /// ES algorithm for EC, none for any other key type.</summary>
    public static IReadOnlyList<string> AlgorithmsFor(string? kty, string? crv) => kty switch
    {
        JsonWebAlgorithmsKeyTypes.RSA => RsaAlgorithms,
        JsonWebAlgorithmsKeyTypes.EllipticCurve when EcAlgorithmByCurve.TryGetValue(crv ?? "", out var ecAlgorithm) => [ecAlgorithm],
        _ => [],
    };

    /// <summary>The key as the API will use it, or, in plain words, why it must never verify a token.</summary>
    public bool TryAdmit(JsonWebKey jwk, [NotNullWhen(true)] out TrustedKey? key, [NotNullWhen(false)] out string? refusal)
    {
        key = null;
        refusal = Refusal(jwk, out var algorithms, out var securityKeys);
        if (refusal is null)
            key = new TrustedKey(securityKeys, algorithms, TrustedKeyMaterial.Of(jwk));
        return refusal is null;
    }

    private string? Refusal(JsonWebKey jwk, out HashSet<string> algorithms, out SecurityKey[] securityKeys)
    {
        algorithms = [];
        securityKeys = [];
        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)
            return $"it is marked for use '{jwk.Use}', not for signatures";
        var verifiable = AlgorithmsFor(jwk.Kty, jwk.Crv);
        if (jwk.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve))
            return $"its key type '{jwk.Kty}' is not supported (only RSA and EC)";
        if (verifiable.Count == 0)
            return $"its curve '{jwk.Crv}' is not allowed (only P-256, P-384 and P-521)";
        if (!string.IsNullOrEmpty(jwk.Alg))
        {
            if (!verifiable.Contains(jwk.Alg, StringComparer.Ordinal))
                return $"its alg '{jwk.Alg}' does not fit the key (it could verify {string.Join(", ", verifiable)})";
            verifiable = [jwk.Alg];
        }
        algorithms = verifiable.Where(allowedAlgorithms.Contains).ToHashSet(StringComparer.Ordinal);
        if (algorithms.Count == 0)
            return $"it can only verify {string.Join(", ", verifiable)}, and Auth0:Algorithms allows {string.Join(", ", allowedAlgorithms)}";
        securityKeys = new JsonWebKeySet { Keys = { jwk } }.GetSigningKeys().ToArray();
        if (securityKeys.Length == 0)
            return "it could not be read as a public key";
        if (jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA && securityKeys.Min(k => k.KeySize) is var bits and < MinimumRsaKeySize)
            return $"it is a {bits}-bit RSA key; at least {MinimumRsaKeySize} bits are required";
        return null;
    }
}

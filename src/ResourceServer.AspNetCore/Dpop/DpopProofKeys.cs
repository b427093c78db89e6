using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Keys;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Proof keys ready to verify with, by their JWK text. A DPoP client signs every proof with the same key, and
/// turning a JWK into a key ready to verify with costs more than the verification itself (bench/: 7.2k ES256 verifies a
/// second building the key each time, 16.6k reusing it). Bounded: a client with a new key for every proof pays the build
/// each time and pushes nobody's key out but the least recently used.</summary>
internal sealed class DpopProofKeys(IOptions<DpopOptions> options) : IDisposable
{
    private const int MaxKeys = 10_000;
    // An RSA 4096 JWK is about 750 characters: keys longer than this are built but not kept, bounding the cache's memory.
    private const int MaxCachedLength = 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyCollection<string> _algorithms = options.Value.Algorithms;
    private readonly MemoryCache _keys = new(new MemoryCacheOptions { SizeLimit = MaxKeys });

    /// <summary>The key, or null when <paramref name="jwk"/> is not a JWK.</summary>
    public DpopProofKey? Find(string jwk)
    {
        if (_keys.TryGetValue(jwk, out DpopProofKey? known))
            return known;
        if (Build(jwk) is not { } key)
            return null;
        if (jwk.Length <= MaxCachedLength)
            _keys.Set(jwk, key, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
        return key;
    }

    private DpopProofKey? Build(string jwk)
    {
        try
        {
            var key = new JsonWebKey(jwk);
            var largeEnough = key.Kty != JsonWebAlgorithmsKeyTypes.RSA || Base64UrlEncoder.DecodeBytes(key.N ?? "").Length * 8 >= SigningKeyPolicy.MinimumRsaKeySize;
            var fits = largeEnough ? SigningKeyPolicy.AlgorithmsFor(key.Kty, key.Crv).Intersect(_algorithms, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal) : [];
            return new DpopProofKey(fits, new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidAlgorithms = fits,
                ValidTypes = [DpopProofValidator.ProofType],
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = false,
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = false,
            });
        }
        // The JWK is the client's text, of any shape: whatever IdentityModel throws reading it, it is no key.
        catch (Exception)
        {
            return null;
        }
    }

    public void Dispose() => _keys.Dispose();
}

/// <summary>A proof's key: the accepted algorithms it is fit for (RSA of at least 2048 bits for RS*/PS*, the algorithm's
/// own curve for ES*), and the parameters that verify a proof with it.</summary>
internal sealed record DpopProofKey(IReadOnlySet<string> Algorithms, TokenValidationParameters Parameters);

using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>One issuer's usable signing keys from one load of its JWKS, indexed by <c>kid</c>.</summary>
internal sealed class KeySnapshot(IReadOnlyList<TrustedKey> keys)
{
    private readonly Dictionary<string, TrustedKey[]> _byKeyId = keys
        .Where(k => !string.IsNullOrEmpty(k.KeyId))
        .GroupBy(k => k.KeyId!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _byKeyId.Keys;

    /// <summary>The keys with this <c>kid</c> (for a token that names no kid, every key of the issuer), whatever they verify.</summary>
    public IReadOnlyList<SecurityKey> Find(string? keyId) => Named(keyId).SelectMany(k => k.SecurityKeys).ToArray();

    /// <summary>The keys with this <c>kid</c> that may verify a token signed with <paramref name="algorithm"/>.</summary>
    public IReadOnlyList<SecurityKey> Find(string? keyId, string? algorithm) =>
        Named(keyId).Where(k => algorithm is not null && k.Algorithms.Contains(algorithm)).SelectMany(k => k.SecurityKeys).ToArray();

    private IEnumerable<TrustedKey> Named(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? keys
        : _byKeyId.TryGetValue(keyId, out var matching) ? matching
        : [];
}

using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>One issuer's signing keys from one fetch of its JWKS, indexed by <c>kid</c>.</summary>
internal sealed class KeySnapshot(IReadOnlyList<SecurityKey> keys)
{
    private readonly Dictionary<string, SecurityKey[]> _byKeyId = keys
        .Where(k => !string.IsNullOrEmpty(k.KeyId))
        .GroupBy(k => k.KeyId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _byKeyId.Keys;

    /// <summary>The keys with this <c>kid</c>; for a token that names no kid, every key of the issuer.</summary>
    public IReadOnlyList<SecurityKey> Find(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? keys
        : _byKeyId.TryGetValue(keyId, out var matching) ? matching
        : [];
}

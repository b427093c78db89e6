using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>One issuer's usable signing keys from one load of its JWKS, indexed by <c>kid</c>. A snapshot never changes:
/// a load that finds other keys publishes a new one, so the snapshot a validation read tells whether it still holds.</summary>
internal sealed class KeySnapshot(IReadOnlyList<TrustedKey> keys)
{
    private readonly Dictionary<string, TrustedKey[]> _byKeyId = keys
        .Where(k => !string.IsNullOrEmpty(k.KeyId))
        .GroupBy(k => k.KeyId!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private readonly HashSet<TrustedKeyMaterial> _materials = keys.Select(k => k.Material).ToHashSet();

    public IReadOnlyCollection<string> KeyIds => _byKeyId.Keys;

    /// <summary>The keys with this <c>kid</c> (for a token that names no kid, every key of the issuer) that may verify a
    /// token signed with <paramref name="algorithm"/>.</summary>
    public IReadOnlyList<SecurityKey> Find(string? keyId, string? algorithm) =>
        Named(keyId).Where(k => algorithm is not null && k.Algorithms.Contains(algorithm)).SelectMany(k => k.SecurityKeys).ToArray();

    /// <summary>Every key of this snapshot as the log names it: see <see cref="LoggedName"/>.</summary>
    public IReadOnlyList<string> LoggedNames => [.. keys.Select(k => LoggedName(k.KeyId))];

    /// <summary>The names of this snapshot's keys that <paramref name="other"/> does not hold; a kid reused for another key counts.</summary>
    public IReadOnlyList<string> KeyIdsNotIn(KeySnapshot? other) =>
        [.. keys.Where(k => other is null || !other._materials.Contains(k.Material)).Select(k => LoggedName(k.KeyId))];

    /// <summary>A key's kid, or "(no kid)" for a key without one.</summary>
    public static string LoggedName(string? keyId) => string.IsNullOrEmpty(keyId) ? "(no kid)" : keyId;

    private IEnumerable<TrustedKey> Named(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? keys
        : _byKeyId.TryGetValue(keyId, out var matching) ? matching
        : [];
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Rejections;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>Remembers, briefly, tokens whose signature check or claims failed, so the same bad token sent again is
/// refused without another RSA verification. Keyed by the token's SHA-256, so a flood of large junk tokens pins 32
/// bytes each, not the tokens; an entry is served only while its issuer's keys are the very
/// <see cref="KeySnapshot"/> it was checked against.</summary>
internal sealed class RejectedTokenCache : IDisposable
{
    private readonly IssuerKeyStore _keys;
    private readonly TimeSpan _lifetime;
    private readonly MemoryCache? _entries;

    public RejectedTokenCache(IOptions<Auth0Options> options, IssuerKeyStore keys)
    {
        _keys = keys;
        _lifetime = options.Value.TokenCache.RejectedTokenLifetime;
        if (_lifetime > TimeSpan.Zero)
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.TokenCache.MaxEntries });
    }

    public bool TryGet(string token, out Exception failure)
    {
        failure = null!;
        if (_entries is null || !_entries.TryGetValue(KeyOf(token), out Entry? entry) || entry is null)
            return false;
        if (!ReferenceEquals(_keys.Find(entry.Issuer)?.Current, entry.CheckedAgainst))
            return false;
        failure = entry.Failure;
        return true;
    }

    /// <summary>Stores a failure that stays a failure while the keys stay the same: not one that time will cure
    /// (<c>nbf</c> in the future), not an unknown <c>kid</c> (sent again, it must still be able to make the API fetch
    /// the issuer's new keys) and not one of ours.</summary>
    public void Add(string token, string issuer, Exception? failure, KeySnapshot checkedAgainst)
    {
        if (_entries is null || failure is null
            || TokenRejection.From(failure) is { Unexpected: true } or { Reason: TokenRejection.NotYetValid or TokenRejection.UnknownSigningKey })
            return;
        using var entry = _entries.CreateEntry(KeyOf(token));
        entry.Value = new Entry(issuer, failure, checkedAgainst);
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = _lifetime;
    }

    public void Dispose() => _entries?.Dispose();

    private static UInt128 KeyOf(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }

    private sealed record Entry(string Issuer, Exception Failure, KeySnapshot CheckedAgainst);
}

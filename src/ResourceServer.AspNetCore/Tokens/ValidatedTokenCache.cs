using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>Remembers tokens that passed validation, so a client reusing its access token does not pay for an RSA
/// verification on every request. Only successes are stored; an entry ends at the token's expiry (checked again on
/// every hit), after <see cref="ValidatedTokenCacheOptions.MaxLifetime"/>, or as soon as its issuer's keys are no longer
/// the very <see cref="KeySnapshot"/> the token was validated against.</summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly ValidatedTokenCacheOptions _options;
    private readonly IssuerKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly AuthMetrics _metrics;
    private readonly MemoryCache? _entries;

    public ValidatedTokenCache(IOptions<Auth0Options> options, IssuerKeyStore keys, TimeProvider time, AuthMetrics metrics)
    {
        _options = options.Value.TokenCache;
        _keys = keys;
        _time = time;
        _metrics = metrics;
        if (_options.Enabled)
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxEntries });
    }

    public bool TryGet(string token, out TokenValidationResult result)
    {
        result = null!;
        if (_entries is null)
            return false;
        if (!_entries.TryGetValue(token, out Entry? entry) || entry is null)
        {
            _metrics.TokenCacheLookup(hit: false);
            return false;
        }
        if (!IsCurrent(entry))
        {
            _entries.Remove(token);
            _metrics.TokenCacheLookup(hit: false);
            return false;
        }
        _metrics.TokenCacheLookup(hit: true);
        // A fresh identity per request: nothing one request adds to its principal leaks into another.
        result = new TokenValidationResult { IsValid = true, SecurityToken = entry.Token, ClaimsIdentity = entry.Identity.Clone(), Issuer = entry.Token.Issuer };
        return true;
    }

    /// <summary>Whether <see cref="TryGet"/> would serve the token, without counting a lookup.</summary>
    public bool Holds(string token) => _entries is not null && _entries.TryGetValue(token, out Entry? entry) && entry is not null && IsCurrent(entry);

    // A reference compare, no crypto: a refresh that changes the keys in any way publishes a new snapshot.
    private bool IsCurrent(Entry entry) =>
        _time.GetUtcNow() < entry.Expires && ReferenceEquals(_keys.Find(entry.Token.Issuer)?.Current, entry.ValidatedAgainst);

    /// <summary>Stores a successful validation. <paramref name="validatedAgainst"/> is the issuer's snapshot read before the
    /// validation began: if a refresh has replaced it since, the entry is never served. It is served until the token's
    /// <c>exp</c> (when it has one), <see cref="ValidatedTokenCacheOptions.MaxLifetime"/> and <paramref name="notAfter"/>,
    /// whichever comes first.</summary>
    public void Add(string token, JsonWebToken jwt, TokenValidationResult result, KeySnapshot validatedAgainst, DateTimeOffset? notAfter = null)
    {
        if (_entries is null)
            return;
        var expires = _time.GetUtcNow() + _options.MaxLifetime;
        if (jwt.ValidTo != DateTime.MinValue)
            expires = Min(expires, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (notAfter is { } limit)
            expires = Min(expires, limit);
        using var entry = _entries.CreateEntry(token);
        entry.Value = new Entry(jwt, result.ClaimsIdentity, expires, validatedAgainst);
        entry.Size = 1;
        entry.AbsoluteExpiration = expires;
    }

    public int Count => _entries?.Count ?? 0;

    public void Dispose() => _entries?.Dispose();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(JsonWebToken Token, System.Security.Claims.ClaimsIdentity Identity, DateTimeOffset Expires, KeySnapshot ValidatedAgainst);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MessagesApi.Observability;

namespace MessagesApi.Auth;

/// <summary>Remembers tokens that passed validation, so a client reusing its access token does not pay for an RSA
/// verification on every request. Only successes are stored; an entry ends at the token's expiry (checked again on
/// every hit), after <see cref="ValidatedTokenCacheOptions.MaxLifetime"/>, or when its signing key is withdrawn.</summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly ValidatedTokenCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthMetrics _metrics;
    private readonly MemoryCache? _entries;
    private readonly ConcurrentDictionary<(string Issuer, string KeyId), CancellationTokenSource> _keyLifetimes = new();

    public ValidatedTokenCache(IOptions<Auth0Options> options, IssuerKeyStore keys, TimeProvider time, AuthMetrics metrics)
    {
        _options = options.Value.TokenCache;
        _time = time;
        _metrics = metrics;
        if (!_options.Enabled)
            return;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxEntries });
        foreach (var issuer in keys.Issuers)
            issuer.KeysWithdrawn += ForgetKeys;
    }

    public bool TryGet(string token, out TokenValidationResult result)
    {
        result = null!;
        if (_entries is null)
            return false;
        if (!_entries.TryGetValue(token, out Entry? entry) || entry is null || _time.GetUtcNow() >= entry.Expires)
        {
            _metrics.TokenCacheLookup(hit: false);
            return false;
        }
        _metrics.TokenCacheLookup(hit: true);
        // A fresh identity per request: nothing one request adds to its principal leaks into another.
        result = new TokenValidationResult { IsValid = true, SecurityToken = entry.Token, ClaimsIdentity = entry.Identity.Clone(), Issuer = entry.Token.Issuer };
        return true;
    }

    public void Add(string token, JsonWebToken jwt, TokenValidationResult result)
    {
        if (_entries is null || jwt.Kid is null)
            return;
        var expires = Min(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), _time.GetUtcNow() + _options.MaxLifetime);
        var keyLifetime = _keyLifetimes.GetOrAdd((jwt.Issuer, jwt.Kid), _ => new CancellationTokenSource());
        using var entry = _entries.CreateEntry(token);
        entry.Value = new Entry(jwt, result.ClaimsIdentity, expires);
        entry.Size = 1;
        entry.AbsoluteExpiration = expires;
        entry.AddExpirationToken(new CancellationChangeToken(keyLifetime.Token));
    }

    public int Count => _entries?.Count ?? 0;

    private void ForgetKeys(string issuer, IReadOnlyCollection<string> keyIds)
    {
        foreach (var keyId in keyIds)
        {
            if (_keyLifetimes.TryRemove((issuer, keyId), out var lifetime))
            {
                lifetime.Cancel();
                lifetime.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _entries?.Dispose();
        foreach (var lifetime in _keyLifetimes.Values)
            lifetime.Dispose();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(JsonWebToken Token, System.Security.Claims.ClaimsIdentity Identity, DateTimeOffset Expires);
}

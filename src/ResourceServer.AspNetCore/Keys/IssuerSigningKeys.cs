using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Observability;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>The signing keys of one issuer, from its discovery document and JWKS: only keys <see cref="SigningKeyPolicy"/>
/// admits, the last good set kept through outages, concurrent refreshes sharing one fetch, refreshes caused by requests
/// throttled.</summary>
internal sealed class IssuerSigningKeys(
    string issuer, Func<HttpClient> backchannel, Auth0Options options, TimeProvider time, AuthMetrics metrics, ILogger logger)
{
    private readonly string _metadataAddress = Auth0Options.UnderIssuer(issuer, "/.well-known/openid-configuration");
    private readonly SigningKeyPolicy _policy = new(options.Algorithms);
    private readonly Lock _gate = new();
    private volatile KeySnapshot? _current;
    private Task<bool>? _inFlight;
    private long _lastOnDemandRefresh = long.MinValue;
    private HashSet<string> _refusalsLogged = [];
    private volatile OpenIdConnectConfiguration? _discovery;
    private volatile IssuerMismatch? _mismatch;
    private volatile KeyFetchResult _lastFetch;

    /// <summary>The issuer as AUTH0_DOMAIN names it; its discovery document is fetched from under it.</summary>
    public string Issuer { get; } = issuer;

    /// <summary>The keys in use: the same object for as long as loads keep finding the same keys.</summary>
    public KeySnapshot? Current => _current;

    /// <summary>The last discovery document that named this issuer: its <c>issuer</c> is what tokens must carry, exactly.</summary>
    public OpenIdConnectConfiguration? Discovery => _discovery;

    /// <summary>The <c>iss</c> the issuer's tokens carry: as its discovery document names it once one was accepted,
    /// as configured until then.</summary>
    public string TrustedIssuer => _discovery?.Issuer ?? Issuer;

    /// <summary>What the last fetch came to.</summary>
    public KeyFetchResult LastFetch => _lastFetch;

    /// <summary>Why the last discovery document that named another issuer was refused, if one did.</summary>
    public IssuerMismatch? Mismatch => _mismatch;

    /// <summary>Why no keys are loaded, as /readyz, the explainer and the OpenAPI document say it; null once they are.</summary>
    public string? WhyNoKeys => _current is not null ? null : _lastFetch switch
    {
        KeyFetchResult.IssuerRefused when _mismatch is { } mismatch => mismatch.ToString(),
        KeyFetchResult.NoUsableKeys => $"The JWKS of {Issuer} has no signing keys the API can use (the log says why).",
        _ => $"The signing keys of {Issuer} are not fetched yet: the issuer has not answered so far (the log says why).",
    };

    /// <summary>Whether a token carrying <paramref name="iss"/> is this issuer's: exactly <see cref="TrustedIssuer"/> once
    /// a discovery document was accepted; until then the configured issuer in either form of an empty path, so that its
    /// first token can cause the fetch that decides.</summary>
    public bool Serves(string iss) => _discovery is { } document ? document.Issuer == iss : IssuerIdentifier.Same(Issuer, iss);

    /// <summary>Fetches the keys now, or joins a fetch already under way. False when the issuer could not be read.</summary>
    public Task<bool> RefreshAsync()
    {
        lock (_gate)
        {
            return _inFlight ??= FetchAsync();
        }
    }

    /// <summary>Refreshes for a request (unknown <c>kid</c>, or no keys yet) unless one did so within the throttle.</summary>
    public Task<bool> RefreshOnDemandAsync()
    {
        lock (_gate)
        {
            if (_inFlight is not null)
                return _inFlight;
            var now = time.GetTimestamp();
            if (_lastOnDemandRefresh != long.MinValue && time.GetElapsedTime(_lastOnDemandRefresh, now) < options.OnDemandRefreshThrottle)
                return Task.FromResult(false);
            _lastOnDemandRefresh = now;
            return _inFlight = FetchAsync();
        }
    }

    private async Task<bool> FetchAsync()
    {
        // Return to the caller first, so it stores this task in _inFlight before the finally below clears it.
        await Task.Yield();
        var succeeded = false;
        try
        {
            var retriever = new HttpDocumentRetriever(backchannel()) { RequireHttps = Issuer.StartsWith("https://", StringComparison.Ordinal) };
            using var timeout = new CancellationTokenSource(options.BackchannelTimeout);
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, retriever, timeout.Token);
            if (!IssuerIdentifier.Same(configuration.Issuer, Issuer))
            {
                var mismatch = IssuerMismatch.Of(Issuer, configuration.Issuer, options.Issuers);
                _mismatch = mismatch;
                _lastFetch = KeyFetchResult.IssuerRefused;
                logger.LogWarning("{Mismatch} Its keys are not used (discovery document: {MetadataAddress}).", mismatch.ToString(), _metadataAddress);
                return false;
            }
            _discovery = configuration;
            _mismatch = null;
            var keys = Admit(configuration.JsonWebKeySet);
            if (keys.Count == 0)
            {
                _lastFetch = KeyFetchResult.NoUsableKeys;
                logger.LogWarning("The JWKS of {Issuer} has no signing keys the API can use; the last known keys stay in use.", Issuer);
                return false;
            }
            Publish(new KeySnapshot(keys));
            _lastFetch = KeyFetchResult.Loaded;
            return succeeded = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _lastFetch = KeyFetchResult.Unanswered;
            logger.LogWarning("Could not refresh the signing keys of {Issuer} from {MetadataAddress}: {Error}. The last known keys stay in use.",
                Issuer, _metadataAddress, e.GetBaseException().Message);
            return false;
        }
        finally
        {
            metrics.KeysRefreshed(Issuer, succeeded);
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>The JWKS keys the policy admits. Each key it refuses is logged once, not again on later loads that still
    /// find it (fetches run one at a time, so the set of logged refusals needs no lock).</summary>
    private List<TrustedKey> Admit(JsonWebKeySet? jwks)
    {
        var admitted = new List<TrustedKey>();
        var refusals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var jwk in jwks?.Keys ?? [])
        {
            if (_policy.TryAdmit(jwk, out var key, out var refusal))
            {
                admitted.Add(key);
                continue;
            }
            var seen = $"{jwk.Kid}: {refusal}";
            if (refusals.Add(seen) && !_refusalsLogged.Contains(seen))
                logger.LogWarning("Key {KeyId} in the JWKS of {Issuer} is not used: {Reason}.", KeySnapshot.LoggedName(jwk.Kid), Issuer, refusal);
        }
        _refusalsLogged = refusals;
        return admitted;
    }

    private void Publish(KeySnapshot loaded)
    {
        var previous = _current;
        var added = loaded.KeyIdsNotIn(previous);
        var withdrawn = previous?.KeyIdsNotIn(loaded) ?? [];
        // The same keys keep the same snapshot, so validations cached against it stay valid.
        if (added.Count == 0 && withdrawn.Count == 0)
            return;
        _current = loaded;
        logger.LogInformation("Signing keys of {Issuer}: {KeyIds} (added {Added}, withdrawn {Withdrawn}).",
            Issuer, string.Join(", ", loaded.LoggedNames), Listed(added), Listed(withdrawn));
    }

    private static string Listed(IReadOnlyList<string> keyIds) => keyIds.Count == 0 ? "none" : string.Join(", ", keyIds);
}

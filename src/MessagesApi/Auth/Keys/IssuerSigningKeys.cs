using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using MessagesApi.Observability;

namespace MessagesApi.Auth;

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

    public string Issuer { get; } = issuer;

    /// <summary>The keys in use: the same object for as long as loads keep finding the same keys.</summary>
    public KeySnapshot? Current => _current;

    /// <summary>The last discovery document accepted (the one that names this issuer).</summary>
    public OpenIdConnectConfiguration? Discovery { get; private set; }

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
            if (configuration.Issuer != Issuer)
            {
                logger.LogWarning("Discovery document at {MetadataAddress} names issuer {DocumentIssuer}, not {Issuer}; its keys were not used.",
                    _metadataAddress, configuration.Issuer, Issuer);
                return false;
            }
            Discovery = configuration;
            var keys = Admit(configuration.JsonWebKeySet);
            if (keys.Count == 0)
            {
                logger.LogWarning("The JWKS of {Issuer} has no signing keys the API can use; the last known keys stay in use.", Issuer);
                return false;
            }
            Publish(new KeySnapshot(keys));
            return succeeded = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
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
                logger.LogWarning("Key {KeyId} in the JWKS of {Issuer} is not used: {Reason}.", jwk.Kid ?? "(no kid)", Issuer, refusal);
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
            Issuer, string.Join(", ", loaded.KeyIds), string.Join(", ", added), string.Join(", ", withdrawn));
    }
}

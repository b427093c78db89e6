using System.Diagnostics.Metrics;

namespace ResourceServer.AspNetCore.Observability;

/// <summary>Counters for what the API decides about tokens and keys, and whether what it depends on answers; exported
/// through OpenTelemetry.</summary>
internal sealed class AuthMetrics
{
    public const string MeterName = "MessagesApi.Auth";

    // ASP.NET Core's request-duration buckets: OpenTelemetry's defaults are made for milliseconds.
    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Meter _meter;
    private readonly Counter<long> _authenticationFailures;
    private readonly Counter<long> _authorizationFailures;
    private readonly Counter<long> _keyRefreshes;
    private readonly Counter<long> _tokenCacheLookups;
    private readonly Counter<long> _clientsThrottled;
    private readonly Histogram<double> _introspectionCalls;

    /// <summary>1 or 0 once DPoP's Redis has been checked; until then (and always with the in-process store) no value.</summary>
    private int _replayStoreAvailable = -1;

    public AuthMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(MeterName);
        _authenticationFailures = meter.CreateCounter<long>("messages_api.authentication.failures", description: "Requests answered 401, by reason.");
        _authorizationFailures = meter.CreateCounter<long>("messages_api.authorization.failures", description: "Requests answered 403, by missing permission.");
        _keyRefreshes = meter.CreateCounter<long>("messages_api.signing_keys.refreshes", description: "Fetches of an issuer's discovery document and JWKS, by result.");
        _tokenCacheLookups = meter.CreateCounter<long>("messages_api.token_cache.lookups", description: "Validated-token cache lookups, by hit or miss.");
        _clientsThrottled = meter.CreateCounter<long>("messages_api.clients.throttled", description: "Requests answered 429 because their client is over its failure budget, by action: held first, or refused at once when too many are held.");
        meter.CreateObservableGauge("messages_api.dpop.replay_store.available", ObserveReplayStore,
            description: "1 while DPoP's Redis replay store answered its last readiness check, 0 while it did not (DPoP requests get 503); absent with the in-process store.");
        _introspectionCalls = meter.CreateHistogram("messages_api.introspection.duration", unit: "s",
            description: "Calls to the issuer's introspection endpoint, by result (active, inactive, or unavailable: no answer, or not an RFC 7662 one), and how long each took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    public void AuthenticationFailed(string reason) => _authenticationFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AuthorizationFailed(string permission) => _authorizationFailures.Add(1, new KeyValuePair<string, object?>("permission", permission));

    public void KeysRefreshed(string issuer, bool succeeded) =>
        _keyRefreshes.Add(1, new("issuer", issuer), new("result", succeeded ? "success" : "failure"));

    public void TokenCacheLookup(bool hit) => _tokenCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    /// <summary>The in-process DPoP replay store's fill level, read from <paramref name="rememberedProofs"/> at each collection.</summary>
    public void ObserveRememberedProofs(Func<int> rememberedProofs) =>
        _meter.CreateObservableGauge("messages_api.dpop_replay_store.proofs", rememberedProofs, unit: "{proof}",
            description: "DPoP proofs the in-process replay store remembers now; at Auth0:Dpop:MaxRememberedProofs it refuses DPoP requests with 503.");

    public void ClientThrottled(string action) => _clientsThrottled.Add(1, new KeyValuePair<string, object?>("action", action));

    public void ReplayStoreChecked(bool available) => Volatile.Write(ref _replayStoreAvailable, available ? 1 : 0);

    public void IntrospectionCalled(string result, TimeSpan took) =>
        _introspectionCalls.Record(took.TotalSeconds, new KeyValuePair<string, object?>("result", result));

    /// <summary>Whether the introspection endpoint answered its last call, read from <paramref name="availability"/> at
    /// each collection.</summary>
    public void ObserveIntrospectionAvailability(Func<IEnumerable<Measurement<int>>> availability) =>
        _meter.CreateObservableGauge("messages_api.introspection.available", availability,
            description: "1 while the issuer's introspection endpoint answered the last call, 0 while it did not (requests with uncached opaque tokens get 503); absent until it is first asked.");

    private IEnumerable<Measurement<int>> ObserveReplayStore() =>
        Volatile.Read(ref _replayStoreAvailable) is var available and >= 0 ? [new Measurement<int>(available)] : [];
}

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>Remembers the DPoP proofs already used (RFC 9449 §11.1), each until it could no longer pass the <c>iat</c>
/// window anyway: in this process, or in Redis so that a proof used at one replica is refused at every other.</summary>
internal interface IDpopReplayCache
{
    /// <summary>True when the proof identified by <paramref name="key"/>, signed by the key whose JWK thumbprint is
    /// <paramref name="thumbprint"/>, is seen for the first time, and is now remembered until <paramref name="until"/>;
    /// false when it was used before. Throws <see cref="DpopKeyOverShareException"/> when that key already has its share
    /// of the store, and <see cref="DpopReplayCacheUnavailableException"/> when the store cannot tell: the request is then
    /// refused, never passed.</summary>
    ValueTask<bool> TryRememberAsync(string thumbprint, string key, DateTimeOffset until, CancellationToken cancellationToken);
}

using ResourceServer.AspNetCore.Dpop;

namespace MessagesApi.Tests.Fixtures;

/// <summary>A DPoP replay store that is down: every proof it is asked to remember fails as Redis failing would.</summary>
public sealed class UnavailableReplayCache : IDpopReplayCache
{
    public ValueTask<bool> TryRememberAsync(string thumbprint, string key, DateTimeOffset until, CancellationToken cancellationToken) =>
        throw new DpopReplayCacheUnavailableException("The test's replay store is down.");
}

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The replay cache could not say whether a proof was used before (Redis unreachable, or the in-process cache
/// full): the request is answered 503, since a proof that could not be checked for replay is never accepted.</summary>
internal sealed class DpopReplayCacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

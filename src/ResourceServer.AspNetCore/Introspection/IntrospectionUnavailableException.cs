namespace ResourceServer.AspNetCore.Introspection;

/// <summary>The issuer could not be asked about an opaque token (down, slow, busy, or an answer that is not RFC 7662's):
/// no verdict on the token, so never a pass and never charged to the client.</summary>
internal sealed class IntrospectionUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

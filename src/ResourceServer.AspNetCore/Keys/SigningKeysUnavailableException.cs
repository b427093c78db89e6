using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Keys;

/// <summary>The issuer's keys have never been fetched, and fetching them now failed.</summary>
internal sealed class SigningKeysUnavailableException(string issuer)
    : SecurityTokenException($"The signing keys of {issuer} are not available.");

using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>A JWKS key that <see cref="SigningKeyPolicy"/> admitted: the key as <c>JsonWebTokenHandler</c> uses it (two
/// when the JWK carries both n/e and x5c) and the token algorithms it may verify.</summary>
internal sealed record TrustedKey(string? KeyId, IReadOnlyList<SecurityKey> SecurityKeys, IReadOnlySet<string> Algorithms);

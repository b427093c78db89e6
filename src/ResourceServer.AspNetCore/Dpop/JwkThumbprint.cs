using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>The RFC 7638 thumbprint of a proof's public key, computed from its own JSON, with no key built: a proof sent
/// with a stolen bound token is refused on this cheap comparison before its key is imported. Only the key types a proof
/// may use (EC on a named curve, RSA) have one here; any other, or a member that is not base64url text, has none.</summary>
internal static class JwkThumbprint
{
    private static readonly string[] Curves = ["P-256", "P-384", "P-521"];

    public static string? Of(JsonElement jwk)
    {
        var canonical = Text(jwk, "kty") switch
        {
            // Required members only, in lexicographic order, no whitespace (RFC 7638 §3.2).
            "EC" when Text(jwk, "crv") is { } crv && Curves.Contains(crv) && Base64Url(jwk, "x") is { } x && Base64Url(jwk, "y") is { } y =>
                $$"""{"crv":"{{crv}}","kty":"EC","x":"{{x}}","y":"{{y}}"}""",
            "RSA" when Base64Url(jwk, "e") is { } e && Base64Url(jwk, "n") is { } n =>
                $$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""",
            _ => null,
        };
        return canonical is null ? null : Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
    }

    private static string? Text(JsonElement jwk, string member) =>
        jwk.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Base64Url(JsonElement jwk, string member) =>
        Text(jwk, member) is { Length: > 0 } text && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? text : null;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Dpop;

/// <summary>A DPoP proof's header and claims as its own JSON says them, read before anything is verified: a claim of
/// the wrong JSON type reads as absent. <see cref="Thumbprint"/> is its <c>jwk</c>'s RFC 7638 thumbprint, null when the
/// <c>jwk</c> is not a public key of a kind a proof may use.</summary>
internal sealed record DpopProof(JsonWebToken Jwt, string? Type, string? Algorithm, string? Key, string? Thumbprint,
    bool KeyHasPrivateMembers, string? Id, string? Method, string? Url, long? IssuedAt, string? AccessTokenHash, string? Nonce)
{
    public const int MaxLength = 8 * 1024;

    // The latest date DateTimeOffset can hold, 9999-12-31T23:59:59Z.
    private const long LatestSeconds = 253_402_300_799;
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>The proof, or null when it is not a compact JWS or, with <paramref name="broken"/> saying which, breaks one
    /// of the <see cref="JwsRules"/>.</summary>
    public static DpopProof? Read(string value, out JwsViolation? broken)
    {
        broken = null;
        if (value.Length > MaxLength || value.AsSpan().Count('.') != 2)
            return null;
        try
        {
            var jwt = new JsonWebToken(value);
            if ((broken = JwsRules.Check(jwt.EncodedHeader, jwt.EncodedPayload)) is not null)
                return null;
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            var key = header.RootElement.TryGetProperty("jwk", out var jwk) && jwk.ValueKind == JsonValueKind.Object ? jwk : (JsonElement?)null;
            return new DpopProof(jwt,
                String(header.RootElement, "typ"), String(header.RootElement, "alg"),
                key?.GetRawText(), key is { } found ? JwkThumbprint.Of(found) : null,
                key is { } k && PrivateMembers.Any(member => k.TryGetProperty(member, out _)),
                String(payload.RootElement, "jti"), String(payload.RootElement, "htm"), String(payload.RootElement, "htu"),
                IssuedAtOf(payload.RootElement), String(payload.RootElement, "ath"), String(payload.RootElement, "nonce"));
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>ath</c> of a proof made for <paramref name="accessToken"/>: base64url(SHA-256 of the token).</summary>
    public static string AccessTokenHashOf(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>A NumericDate, fractions allowed (RFC 7519 §2), in whole seconds within DateTimeOffset's range.</summary>
    private static long? IssuedAtOf(JsonElement payload) =>
        payload.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetDouble(out var seconds)
            ? (long)Math.Floor(Math.Clamp(seconds, 0, LatestSeconds))
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

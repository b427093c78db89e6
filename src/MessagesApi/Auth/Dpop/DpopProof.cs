using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>A DPoP proof's header and claims as its own JSON says them, read before anything is verified: a claim of
/// the wrong JSON type reads as absent.</summary>
internal sealed record DpopProof(JsonWebToken Jwt, string? Type, string? Algorithm, string? Key, bool KeyHasPrivateMembers,
    string? Id, string? Method, string? Url, long? IssuedAt, string? AccessTokenHash, string? Nonce)
{
    public const int MaxLength = 8 * 1024;

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>The proof, or null when it is not a compact JWS whose header and payload are JSON objects.</summary>
    public static DpopProof? Read(string value)
    {
        if (value.Length > MaxLength || value.AsSpan().Count('.') != 2)
            return null;
        try
        {
            var jwt = new JsonWebToken(value);
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var key = header.RootElement.TryGetProperty("jwk", out var jwk) && jwk.ValueKind == JsonValueKind.Object ? jwk : (JsonElement?)null;
            return new DpopProof(jwt,
                String(header.RootElement, "typ"), String(header.RootElement, "alg"),
                key?.GetRawText(), key is { } k && PrivateMembers.Any(member => k.TryGetProperty(member, out _)),
                String(payload.RootElement, "jti"), String(payload.RootElement, "htm"), String(payload.RootElement, "htu"),
                payload.RootElement.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var seconds) ? seconds : null,
                String(payload.RootElement, "ath"), String(payload.RootElement, "nonce"));
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>ath</c> of a proof made for <paramref name="accessToken"/>: base64url(SHA-256 of the token).</summary>
    public static string AccessTokenHashOf(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MessagesApi.Auth;

/// <summary>RFC 7519's NumericDate rule for exp, nbf and iat: a JSON number. Read from the payload's own JSON, because
/// IdentityModel turns a string such as "1999999999" into a date when asked for the claim.</summary>
internal static class NumericDates
{
    private static readonly string[] Claims = [JwtRegisteredClaimNames.Exp, JwtRegisteredClaimNames.Nbf, JwtRegisteredClaimNames.Iat];

    /// <summary>The first of exp, nbf, iat that is present and not a number; null when all are numbers or absent.</summary>
    public static string? FirstNotNumeric(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return Claims.FirstOrDefault(claim => payload.RootElement.TryGetProperty(claim, out var value) && value.ValueKind != JsonValueKind.Number);
    }
}

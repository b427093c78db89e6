using System.Text.Json;
using System.Text.Unicode;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>The JOSE rules every compact JWS this API reads must keep, access token and DPoP proof alike, checked on the
/// segments' own JSON before anything else reads them: IdentityModel's reader stops at the first closing brace, reads a
/// null as absent and a string as a date. The token handler, the proof check and the explainer all ask this one type, so
/// none of them can disagree with another.</summary>
internal static class JwsRules
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };
    private static readonly string[] HeaderStrings = ["alg", "kid", "typ"];
    private static readonly string[] NumericDates = ["exp", "nbf", "iat"];

    public static readonly JwsViolation NotOneObject =
        new("malformed", "its header and payload must each be exactly one JSON object in UTF-8, with no member named twice");

    public static readonly JwsViolation HeaderParameter =
        new("malformed_header", "its alg, kid and typ must be strings where present, alg present and kid not empty");

    // RFC 7515 §4.1.11: a recipient must reject critical extensions it does not understand, and we understand none.
    public static readonly JwsViolation Critical = new("critical_header", "it names critical header extensions (crit), which are not supported");

    // RFC 7519 §2: a NumericDate is a JSON number, fractions allowed.
    public static readonly JwsViolation NotNumericDate = new("not_numeric_date", "its exp, nbf and iat must be numbers (NumericDate)");

    public static readonly JwsViolation ConfirmationNotObject = new("malformed_cnf", "its cnf must be a JSON object");

    /// <summary>The first rule that the JWS with these base64url segments breaks; null when it keeps them all.</summary>
    public static JwsViolation? Check(string encodedHeader, string encodedPayload)
    {
        try
        {
            var headerBytes = Base64UrlEncoder.DecodeBytes(encodedHeader);
            var payloadBytes = Base64UrlEncoder.DecodeBytes(encodedPayload);
            // The parser checks a string's UTF-8 only when the string is read, and then throws.
            if (!Utf8.IsValid(headerBytes) || !Utf8.IsValid(payloadBytes))
                return NotOneObject;
            using var header = JsonDocument.Parse(headerBytes, Strict);
            using var payload = JsonDocument.Parse(payloadBytes, Strict);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
                return NotOneObject;
            return HeaderViolation(header.RootElement) ?? PayloadViolation(payload.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return NotOneObject;
        }
    }

    private static JwsViolation? HeaderViolation(JsonElement header)
    {
        if (!header.TryGetProperty("alg", out _))
            return HeaderParameter;
        foreach (var name in HeaderStrings)
        {
            if (header.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.String || (name == "kid" && value.GetString()!.Length == 0)))
                return HeaderParameter;
        }
        return header.TryGetProperty("crit", out _) ? Critical : null;
    }

    private static JwsViolation? PayloadViolation(JsonElement payload)
    {
        foreach (var name in NumericDates)
        {
            if (payload.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Number)
                return NotNumericDate;
        }
        return payload.TryGetProperty(Binding.Confirmation.Claim, out var cnf) && cnf.ValueKind != JsonValueKind.Object ? ConfirmationNotObject : null;
    }
}

/// <summary>A JWS rule broken: a stable code for logs and metrics, and the rule in words, to follow "The token" or "The
/// DPoP proof".</summary>
internal sealed record JwsViolation(string Reason, string Rule);

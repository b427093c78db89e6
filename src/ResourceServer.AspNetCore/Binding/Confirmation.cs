using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>What a token's <c>cnf</c> (RFC 7800) binds it to: a DPoP key by its thumbprint (<c>jkt</c>, RFC 9449), a TLS
/// client certificate by its SHA-256 thumbprint (<c>x5t#S256</c>, RFC 8705), both, or something this API cannot check
/// (<see cref="Unsupported"/>): neither of them, or either one that is not a non-empty string. The checks and the
/// explainer read it here, so they cannot disagree.</summary>
internal readonly record struct Confirmation(string? KeyThumbprint, string? CertificateThumbprint, bool Unsupported)
{
    public const string Claim = "cnf";
    public const string KeyMember = "jkt";
    public const string CertificateMember = "x5t#S256";

    public static Confirmation Of(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>(Claim, out var cnf))
            return default;
        // JwsRules refuses a cnf that is not an object before anything reads it; were one to get here, it binds to nothing checkable.
        if (cnf.ValueKind != JsonValueKind.Object)
            return new(null, null, Unsupported: true);
        var key = Member(cnf, KeyMember, out var keyBroken);
        var certificate = Member(cnf, CertificateMember, out var certificateBroken);
        return new(key, certificate, keyBroken || certificateBroken || key is null && certificate is null);
    }

    public bool BoundTwice => KeyThumbprint is not null && CertificateThumbprint is not null;

    /// <summary>The member's non-empty string; <paramref name="broken"/> when it is present as anything else.</summary>
    private static string? Member(JsonElement cnf, string name, out bool broken)
    {
        var text = cnf.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        broken = value.ValueKind != JsonValueKind.Undefined && string.IsNullOrEmpty(text);
        return string.IsNullOrEmpty(text) ? null : text;
    }
}

using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>What a token's <c>cnf</c> (RFC 7800) binds it to: a DPoP key by its thumbprint (<c>jkt</c>, RFC 9449), a TLS
/// client certificate by its SHA-256 thumbprint (<c>x5t#S256</c>, RFC 8705), both, or, when it names neither as a
/// non-empty string, something this API cannot check (<see cref="Unsupported"/>). The checks and the explainer read it
/// here, so they cannot disagree.</summary>
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
        var key = NonEmptyString(cnf, KeyMember);
        var certificate = NonEmptyString(cnf, CertificateMember);
        return new(key, certificate, key is null && certificate is null);
    }

    public bool BoundTwice => KeyThumbprint is not null && CertificateThumbprint is not null;

    private static string? NonEmptyString(JsonElement cnf, string member) =>
        cnf.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

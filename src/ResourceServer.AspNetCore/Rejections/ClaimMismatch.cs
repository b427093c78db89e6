using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Keys;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>What a wrong-issuer or wrong-audience rejection expected, and what the token named instead, for its log
/// line; the token's values, unverified text from anyone, through <see cref="PrintableText"/>.</summary>
internal sealed record ClaimMismatch(string Claim, string Expected, string Found)
{
    // Room for a few URLs; more is shown as unprintable rather than let a token pad the line.
    private const int MaxFoundLength = 200;

    /// <summary>Null for every other reason.</summary>
    public static ClaimMismatch? For(string reason, JsonWebToken? token, Auth0Options options, IssuerKeyStore issuers) => reason switch
    {
        TokenRejection.WrongIssuer => new(JwtRegisteredClaimNames.Iss, issuers.ExpectedIssuers, Named(token is null ? [] : [token.Issuer])),
        TokenRejection.WrongAudience => new(options.AudienceClaim, options.Audience ?? "", Named(token is null ? [] : AudienceClaims.Found(token, options.AudienceClaim))),
        _ => null,
    };

    // "iss": null reads as a null Issuer.
    private static string Named(IEnumerable<string?> values) =>
        values.Where(value => !string.IsNullOrEmpty(value)).ToArray() is { Length: > 0 } named ? PrintableText.Of(string.Join(", ", named), MaxFoundLength) : "none";
}

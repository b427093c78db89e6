using Microsoft.IdentityModel.JsonWebTokens;
using ResourceServer.AspNetCore.Tokens;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>What a rejected token says about itself, for logs only: unverified, so each value is shown through
/// <see cref="PrintableText"/> and never trusted, and a token that cannot be read just yields nothing.</summary>
internal sealed record UntrustedTokenPeek(string? KeyId, string? Issuer, string? Subject)
{
    private const int MaxLength = 100;

    public static UntrustedTokenPeek From(JsonWebToken? token) =>
        token is null ? new(null, null, null) : new(Short(token.Kid), Short(token.Issuer), Short(token.Subject));

    /// <summary>The request's token, parsed but unverified; null when there is none or it cannot be read.</summary>
    public static JsonWebToken? Read(HttpRequest request)
    {
        var token = AuthorizationHeader.TokenFrom(request.Headers.Authorization.ToString());
        if (token.Length is 0 or > AccessTokenHandler.MaxTokenLength)
            return null;
        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? Short(string? value) => string.IsNullOrEmpty(value) ? null : PrintableText.Cut(value, MaxLength);
}

using Microsoft.IdentityModel.JsonWebTokens;

namespace MessagesApi.Auth;

/// <summary>What a rejected token says about itself, for logs only: unverified, so each value is shortened and never
/// trusted, and a token that cannot be read just yields nothing.</summary>
internal sealed record UntrustedTokenPeek(string? KeyId, string? Issuer, string? Subject)
{
    private const int MaxLength = 100;

    public static UntrustedTokenPeek From(HttpRequest request)
    {
        var token = AuthorizationHeader.TokenFrom(request.Headers.Authorization.ToString());
        if (token.Length is 0 or > AccessTokenHandler.MaxTokenLength)
            return new(null, null, null);
        try
        {
            var jwt = new JsonWebToken(token);
            return new(Short(jwt.Kid), Short(jwt.Issuer), Short(jwt.Subject));
        }
        catch (Exception)
        {
            return new(null, null, null);
        }
    }

    private static string? Short(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= MaxLength ? value : value[..MaxLength] + "…";
}

using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>Where a token names the API it is for. RFC 9068 and most providers use <c>aud</c>; Amazon Cognito's access
/// tokens carry no <c>aud</c> and name their app client in <c>client_id</c> instead, which
/// <c>Auth0:AudienceClaim=client_id</c> checks, exactly, against AUTH0_AUDIENCE.</summary>
internal static class AudienceClaims
{
    public const string Aud = JwtRegisteredClaimNames.Aud;
    public const string ClientId = "client_id";

    public static readonly string[] Supported = [Aud, ClientId];

    /// <summary>What the token names under <paramref name="claim"/>, for the check and for people.</summary>
    public static IReadOnlyList<string> Found(JsonWebToken jwt, string claim) =>
        claim == Aud ? jwt.Audiences.ToArray()
        : jwt.TryGetPayloadValue<string>(claim, out var value) ? [value]
        : [];
}

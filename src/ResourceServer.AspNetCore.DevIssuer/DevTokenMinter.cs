using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Binding;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>Mints RS256 access tokens shaped like Auth0's: the dev issuer, the configured audience, permissions as a JSON array.</summary>
internal sealed class DevTokenMinter(DevSigningKeys keys, IOptions<DevIssuerOptions> options, TimeProvider time)
{
    public const string DefaultSubject = "dev|local-developer";

    /// <summary>A token; bound to the DPoP key whose RFC 7638 thumbprint is <paramref name="dpopThumbprint"/> (its
    /// <c>cnf.jkt</c>) or to the client certificate whose SHA-256 thumbprint is <paramref name="certificateThumbprint"/> (its
    /// <c>cnf["x5t#S256"]</c>, RFC 8705) when given.</summary>
    public DevToken Mint(IReadOnlyList<string> permissions, string? subject = null, TimeSpan? lifetime = null, string? dpopThumbprint = null,
        string? certificateThumbprint = null)
    {
        var now = time.GetUtcNow();
        // Whole seconds, as the token carries them.
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expires = now + (lifetime ?? options.Value.DefaultTokenLifetime);
        var claims = new Dictionary<string, object>
        {
            ["iss"] = options.Value.Issuer,
            ["sub"] = subject ?? DefaultSubject,
            ["aud"] = options.Value.Audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["permissions"] = permissions.ToArray(),
        };
        if (dpopThumbprint is not null)
            claims[Confirmation.Claim] = new Dictionary<string, object> { [Confirmation.KeyMember] = dpopThumbprint };
        else if (certificateThumbprint is not null)
            claims[Confirmation.Claim] = new Dictionary<string, object> { [Confirmation.CertificateMember] = certificateThumbprint };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.RsaSha256),
        });
        return new DevToken(token, dpopThumbprint is null ? "Bearer" : "DPoP", (long)(expires - now).TotalSeconds, expires, claims);
    }
}

internal sealed record DevToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] long ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: System.Text.Json.Serialization.JsonPropertyName("claims")] IReadOnlyDictionary<string, object> Claims);

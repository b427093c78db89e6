namespace ResourceServer.AspNetCore.Tokens;

/// <summary>Claim names as they appear in the JWT: inbound claim-type mapping is off.</summary>
internal static class TokenClaims
{
    public const string Subject = "sub";
    public const string Permissions = "permissions";
    public const string Scope = "scope";
}

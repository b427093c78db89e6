using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>An access token that breaks one of the <see cref="JwsRules"/>: malformed, decided before any key is touched.</summary>
internal sealed class JwsRuleException(JwsViolation violation) : SecurityTokenMalformedException($"The token is malformed: {violation.Rule}.")
{
    public JwsViolation Violation { get; } = violation;
}

using Microsoft.IdentityModel.JsonWebTokens;

namespace ResourceServer.AspNetCore.Tokens;

/// <summary>A claim a token must carry to be taken for an access token, as one value of <c>Auth0:RequiredClaims</c> names
/// it: <c>name=value</c>, a top-level claim that is exactly that JSON string (Amazon Cognito's <c>token_use=access</c>), or
/// <c>name</c>, a claim present with any value but null (Entra ID's <c>azp</c>, which its ID tokens never carry). The
/// name is taken exactly as written.</summary>
internal sealed class RequiredClaim
{
    public RequiredClaim(string setting)
    {
        Setting = setting;
        var equals = setting.IndexOf('=');
        Name = equals < 0 ? setting : setting[..equals];
        Value = equals < 0 ? null : setting[(equals + 1)..];
    }

    /// <summary>The setting as written.</summary>
    public string Setting { get; }

    public string Name { get; }

    /// <summary>The exact string the claim must be; null when any value will do.</summary>
    public string? Value { get; }

    /// <summary>Why the setting cannot be read, in words that say what to write instead; null when it can.</summary>
    public string? Problem => string.IsNullOrWhiteSpace(Name) || Value == ""
        ? "which is neither name=value nor name: write e.g. token_use=access for a claim that must be that string, or azp for a claim that must be present."
        : null;

    public bool IsHeldBy(JsonWebToken token) =>
        token.TryGetPayloadValue<object>(Name, out var found) && found is not null && (Value is null || found is string text && text == Value);

    /// <summary>What the token lacks, for people: from the setting, never from the token.</summary>
    public string Describe() => Value is null ? $"the claim {Name}" : $"{Name}={Value}";
}

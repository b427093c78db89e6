using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>A valid token refused for what it is bound to (its <c>cnf</c>): <see cref="Reason"/> is the code logs and
/// metrics count, the message the plain-words <c>error_description</c> of an RFC 6750 <c>invalid_token</c>.</summary>
internal sealed class TokenBindingException(string reason, string description) : SecurityTokenValidationException(description)
{
    public const string Unsupported = "unsupported_binding";
    public const string BoundTwice = "bound_twice";
    public const string CertificateMissing = "certificate_missing";
    public const string CertificateMismatch = "certificate_mismatch";
    public const string CertificateBindingDisabled = "certificate_binding_disabled";

    public string Reason { get; } = reason;
}

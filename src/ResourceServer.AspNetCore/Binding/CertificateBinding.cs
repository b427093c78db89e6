using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>RFC 8705 §3: a token bound to a certificate (<c>cnf["x5t#S256"]</c>) is accepted only from a client presenting
/// that certificate. A missing certificate and another one are both 401 <c>invalid_token</c>, as §3 answers a mismatch:
/// the request itself is well formed, so it is no <c>invalid_request</c>.</summary>
internal sealed class CertificateBinding(IOptions<CertificateBindingOptions> options, ClientCertificate certificates)
{
    private readonly bool _enabled = options.Value.Enabled;

    /// <summary>The thumbprint of the certificate the request presented, where tokens may be bound to it; null otherwise.</summary>
    public string? PresentedForBinding(HttpContext context) => _enabled ? certificates.Thumbprint(context) : null;

    /// <summary>Why the request may not use a token bound to the certificate with this thumbprint; null when it may.</summary>
    public TokenBindingException? Refusal(HttpContext context, string boundThumbprint) => Refusal(certificates.Thumbprint(context), boundThumbprint);

    /// <summary>Why a client presenting the certificate with the thumbprint <paramref name="presented"/> (null: none) may not
    /// use a token bound to <paramref name="boundThumbprint"/>; null when it may.</summary>
    public TokenBindingException? Refusal(string? presented, string boundThumbprint)
    {
        if (!_enabled)
            return new(TokenBindingException.CertificateBindingDisabled,
                "The token is bound to a client certificate (cnf x5t#S256), and certificate-bound tokens are not accepted here.");
        return presented switch
        {
            null => new(TokenBindingException.CertificateMissing, "The token is bound to a client certificate (cnf x5t#S256): present that certificate over TLS."),
            _ when presented == boundThumbprint => null,
            _ => new(TokenBindingException.CertificateMismatch, "The token is bound to another client certificate than the one presented."),
        };
    }
}

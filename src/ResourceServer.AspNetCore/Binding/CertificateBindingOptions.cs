namespace ResourceServer.AspNetCore.Binding;

/// <summary>Certificate-bound access tokens (RFC 8705 §3), section <c>Auth0:CertificateBinding</c>: off until
/// <see cref="Enabled"/>, when a token whose <c>cnf</c> names a certificate's thumbprint (<c>x5t#S256</c>) is accepted only
/// from a client presenting that certificate.</summary>
internal sealed class CertificateBindingOptions
{
    public const string Section = "Auth0:CertificateBinding";

    public bool Enabled { get; set; }

    /// <summary>The request header in which a trusted TLS-terminating proxy (<c>ForwardedHeaders</c>) passes on the
    /// client's certificate, e.g. <c>ssl-client-cert</c> (nginx's <c>$ssl_client_escaped_cert</c>) or
    /// <c>x-forwarded-client-cert</c> (Envoy). Read only on requests from a trusted proxy, and then instead of the
    /// connection's own certificate, which is the proxy's; unset, only the TLS connection's certificate counts.</summary>
    public string? ForwardedHeader { get; set; }
}

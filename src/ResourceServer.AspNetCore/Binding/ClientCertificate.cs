using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ResourceServer.AspNetCore.Clients;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>The certificate the client presented, as the SHA-256 thumbprint a token's <c>cnf["x5t#S256"]</c> names:
/// its TLS connection's or, on a request from a trusted proxy when <see cref="CertificateBindingOptions.ForwardedHeader"/>
/// is set, the one the proxy forwards (the connection's own is then the proxy's). The header is never read from anyone
/// else, so no client can claim a certificate it does not hold.</summary>
internal sealed class ClientCertificate(IOptions<CertificateBindingOptions> options)
{
    private readonly string? _forwardedHeader = options.Value.ForwardedHeader;

    public string? Thumbprint(HttpContext context)
    {
        if (_forwardedHeader is not null && TrustedProxyPeer.CameThrough(context))
            return context.Request.Headers[_forwardedHeader] is { Count: 1 } forwarded ? ForwardedClientCertificate.Thumbprint(forwarded.ToString()) : null;
        return context.Connection.ClientCertificate is { } certificate ? ThumbprintOf(certificate.RawData) : null;
    }

    /// <summary>RFC 8705 §3.1: the base64url SHA-256 of the certificate's DER.</summary>
    public static string ThumbprintOf(byte[] der) => Base64UrlEncoder.Encode(SHA256.HashData(der));
}

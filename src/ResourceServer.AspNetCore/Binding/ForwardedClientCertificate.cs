using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>The SHA-256 thumbprint of the client certificate a TLS-terminating proxy forwards in a header, in the forms
/// proxies write it: URL-encoded PEM (nginx's <c>$ssl_client_escaped_cert</c>, AWS's load balancers), PEM, base64 DER
/// (haproxy's <c>ssl_c_der,base64</c>, Azure's <c>X-ARR-ClientCert</c>), or Envoy's <c>x-forwarded-client-cert</c>
/// (its first element, which the proxy that terminated the client's TLS wrote: its <c>Hash</c>, else its <c>Cert</c>).
/// Null when the value holds none of them.</summary>
internal static class ForwardedClientCertificate
{
    private const byte DerSequence = 0x30;

    public static string? Thumbprint(string value)
    {
        value = value.Trim();
        if (value.Length == 0)
            return null;
        if (EnvoyElement(value) is { } element)
            return element.Hash is { } hash ? FromHex(hash) : element.Cert is { } cert ? FromPem(Uri.UnescapeDataString(cert)) : null;
        // Neither PEM nor base64 holds a '%': one means the value is URL-encoded (nginx leaves the dashes as they are).
        if (value.Contains('%'))
            value = Uri.UnescapeDataString(value);
        return value.StartsWith("-----", StringComparison.Ordinal) ? FromPem(value) : FromDer(value);
    }

    private static string? FromPem(string pem) =>
        PemEncoding.TryFind(pem, out var fields) && pem.AsSpan()[fields.Label].SequenceEqual("CERTIFICATE")
            ? FromDer(pem[fields.Base64Data])
            : null;

    private static string? FromDer(string base64)
    {
        try
        {
            var der = Convert.FromBase64String(base64);
            // A certificate is a DER SEQUENCE. Parsing it whole would cost more than the rest of a request, and prove
            // nothing more: the value comes from a trusted proxy, and only its thumbprint is compared.
            return der is [DerSequence, ..] ? ClientCertificate.ThumbprintOf(der) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? FromHex(string hex)
    {
        try
        {
            var digest = Convert.FromHexString(hex);
            return digest.Length == SHA256.HashSizeInBytes ? Base64UrlEncoder.Encode(digest) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Envoy's element: <c>key=value</c> pairs separated by <c>;</c>, values optionally quoted (a quoted value may
    /// hold <c>;</c> and <c>,</c>), elements separated by <c>,</c>. Null when the value is not in that form.</summary>
    private static (string? Hash, string? Cert)? EnvoyElement(string value)
    {
        string? hash = null, cert = null;
        var found = false;
        var position = 0;
        while (position < value.Length)
        {
            var equals = value.IndexOf('=', position);
            if (equals < 0)
                return null;
            var key = value[position..equals].Trim();
            position = equals + 1;
            string field;
            if (position < value.Length && value[position] == '"')
            {
                var close = value.IndexOf('"', position + 1);
                if (close < 0)
                    return null;
                field = value[(position + 1)..close];
                position = close + 1;
            }
            else
            {
                var end = value.IndexOfAny([';', ','], position);
                end = end < 0 ? value.Length : end;
                field = value[position..end];
                position = end;
            }
            if (key.Equals("Hash", StringComparison.OrdinalIgnoreCase))
                (hash, found) = (field, true);
            else if (key.Equals("Cert", StringComparison.OrdinalIgnoreCase))
                (cert, found) = (field, true);
            else if (!key.Equals("By", StringComparison.OrdinalIgnoreCase) && !key.Equals("Subject", StringComparison.OrdinalIgnoreCase)
                && !key.Equals("URI", StringComparison.OrdinalIgnoreCase) && !key.Equals("DNS", StringComparison.OrdinalIgnoreCase)
                && !key.Equals("Chain", StringComparison.OrdinalIgnoreCase))
                return null;
            if (position >= value.Length || value[position] == ',')
                break;
            if (value[position] != ';')
                return null;
            position++;
        }
        return found ? (hash, cert) : null;
    }
}

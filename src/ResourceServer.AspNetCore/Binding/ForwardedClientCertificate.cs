using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ResourceServer.AspNetCore.Binding;

/// <summary>The SHA-256 thumbprint of the client certificate a TLS-terminating proxy forwards in a header, in the forms
/// proxies write it: URL-encoded PEM (nginx's <c>$ssl_client_escaped_cert</c>, AWS's load balancers), PEM, base64 DER
/// (haproxy's <c>ssl_c_der,base64</c>, Azure's <c>X-ARR-ClientCert</c>), or Envoy's <c>x-forwarded-client-cert</c>
/// (its <c>Hash</c>, else its <c>Cert</c>). Null when the value holds none of them, and for an Envoy header of several
/// elements: each proxy on the way appends one, and the first may then be one the client wrote itself.</summary>
internal static class ForwardedClientCertificate
{
    private const byte DerSequence = 0x30;

    public static string? Thumbprint(string value)
    {
        value = value.Trim();
        if (value.Length == 0)
            return null;
        if (EnvoyElement(value) is { } element)
        {
            if (element.Hash is { } hash)
                return FromHex(hash);
            return element.Cert is { } cert ? FromPem(Uri.UnescapeDataString(cert)) : null;
        }
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

    /// <summary>Envoy's one element: <c>key=value</c> pairs of its own keys separated by <c>;</c>, a value optionally
    /// quoted (then holding <c>;</c>, <c>,</c> and <c>\"</c>). Null when the value is not one element in that form.</summary>
    private static (string? Hash, string? Cert)? EnvoyElement(string value)
    {
        string? hash = null, cert = null;
        var position = 0;
        while (true)
        {
            var equals = value.IndexOf('=', position);
            if (equals < 0 || !EnvoyKeys.Contains(value[position..equals]))
                return null;
            var (field, end) = FieldAt(value, equals + 1);
            if (field is null)
                return null;
            if (value[position..equals].Equals("Hash", StringComparison.OrdinalIgnoreCase))
                hash = field;
            else if (value[position..equals].Equals("Cert", StringComparison.OrdinalIgnoreCase))
                cert = field;
            if (end == value.Length)
                return (hash, cert);
            // A ',' starts another element; anything but ';' is no Envoy header.
            if (value[end] != ';')
                return null;
            position = end + 1;
        }
    }

    private static readonly HashSet<string> EnvoyKeys = new(["By", "Hash", "Cert", "Chain", "Subject", "URI", "DNS"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The value starting at <paramref name="start"/>, unquoted, and where it ends; a null value when a quote is
    /// left open.</summary>
    private static (string? Field, int End) FieldAt(string value, int start)
    {
        if (start >= value.Length || value[start] != '"')
        {
            var end = value.IndexOfAny([';', ','], start);
            return end < 0 ? (value[start..], value.Length) : (value[start..end], end);
        }
        var text = new System.Text.StringBuilder();
        for (var i = start + 1; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
                text.Append(value[++i]);
            else if (value[i] == '"')
                return (text.ToString(), i + 1);
            else
                text.Append(value[i]);
        }
        return (null, value.Length);
    }
}

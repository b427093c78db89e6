using Microsoft.Extensions.Configuration;

namespace ResourceServer.AspNetCore.ResourceMetadata;

/// <summary>The URL clients call this API at, from PUBLIC_URL: the RFC 9728 resource identifier and the base of
/// <c>resource_metadata</c>. Never taken from a request's Host header, which any client can set.</summary>
internal sealed class ProtectedResourceOptions
{
    [ConfigurationKeyName("PUBLIC_URL")]
    public string? PublicUrl { get; set; }

    private Parsed? _parsed;

    /// <summary>PUBLIC_URL without a trailing slash; null when it is unset, and then no metadata is published.</summary>
    public string? Resource => Parse().Resource;

    /// <summary>Where RFC 9728 §3.1 puts the metadata: the well-known path inserted between the resource's host and its path.</summary>
    public string? MetadataUrl => Parse().MetadataUrl;

    /// <summary>A WWW-Authenticate challenge with RFC 9728's <c>resource_metadata</c> parameter added, when metadata is published.</summary>
    public string WithResourceMetadata(string challenge) =>
        MetadataUrl is not { } url ? challenge
        // A bare scheme ("Bearer") takes its first parameter after a space; further parameters follow a comma.
        : challenge.Contains(' ') ? $"{challenge}, resource_metadata=\"{url}\""
        : $"{challenge} resource_metadata=\"{url}\"";

    /// <summary>Parsed once per value of PUBLIC_URL, not on every 401: a flood of bad tokens reads it per request.</summary>
    private Parsed Parse()
    {
        var parsed = _parsed;
        if (parsed is null || !ReferenceEquals(parsed.From, PublicUrl))
            _parsed = parsed = new Parsed(PublicUrl);
        return parsed;
    }

    private sealed class Parsed
    {
        public Parsed(string? publicUrl)
        {
            From = publicUrl;
            if (string.IsNullOrWhiteSpace(publicUrl) || !Uri.TryCreate(publicUrl.Trim(), UriKind.Absolute, out var url))
                return;
            Resource = url.AbsoluteUri.TrimEnd('/');
            MetadataUrl = url.GetLeftPart(UriPartial.Authority) + ProtectedResourceMetadata.Path + url.AbsolutePath.TrimEnd('/');
        }

        public string? From { get; }
        public string? Resource { get; }
        public string? MetadataUrl { get; }
    }
}

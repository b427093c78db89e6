using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Dpop;
using ResourceServer.AspNetCore.ResourceMetadata;

namespace ResourceServer.AspNetCore.Rejections;

/// <summary>The challenges of a 401 by DPoP mode (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1): Bearer, DPoP with the
/// proof algorithms, or both; an error goes on the challenge of the scheme the request used.</summary>
internal sealed class WwwAuthenticate(IOptions<DpopOptions> dpop, IOptions<ProtectedResourceOptions> resource)
{
    private readonly DpopMode _mode = dpop.Value.Mode;
    private readonly string _algorithms = $"algs=\"{string.Join(' ', dpop.Value.Algorithms)}\"";

    /// <summary>The header for a request refused with <paramref name="error"/> (null when it sent no token).</summary>
    public string For(string? error, string? description, bool usedDpop)
    {
        var parameters = error is null ? null : $"error=\"{error}\", error_description=\"{description}\"";
        var onDpop = _mode == DpopMode.Required || (_mode == DpopMode.Allowed && usedDpop);
        var bearer = parameters is null || onDpop ? "Bearer" : $"Bearer {parameters}";
        var proof = parameters is null || !onDpop ? $"DPoP {_algorithms}" : $"DPoP {parameters}, {_algorithms}";
        return _mode switch
        {
            DpopMode.Disabled => resource.Value.WithResourceMetadata(bearer),
            DpopMode.Required => resource.Value.WithResourceMetadata(proof),
            _ => $"{resource.Value.WithResourceMetadata(bearer)}, {proof}",
        };
    }

    /// <summary>The header for a request whose token lacks <paramref name="permission"/> (RFC 6750 §3.1), on the scheme it used.</summary>
    public string ForMissingPermission(string permission, bool usedDpop)
    {
        var parameters = $"error=\"insufficient_scope\", scope=\"{permission}\"";
        return resource.Value.WithResourceMetadata(usedDpop ? $"DPoP {parameters}, {_algorithms}" : $"Bearer {parameters}");
    }
}

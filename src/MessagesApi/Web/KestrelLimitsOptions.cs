using Microsoft.AspNetCore.Server.Kestrel.Core;
using ResourceServer.AspNetCore;

namespace MessagesApi.Web;

/// <summary>The Kestrel limits an operator may set under Kestrel:Limits, the keys Microsoft documents: ASP.NET Core
/// does not bind that section by itself, so without this they would be ignored. Reviewed for hostile clients; where the
/// framework's default is right, it is kept.</summary>
internal sealed class KestrelLimitsOptions
{
    public const string Section = "Kestrel:Limits";

    private static readonly KestrelServerLimits Framework = new();

    /// <summary>None by default: behind a load balancer the connections are mostly its own, and refusing them fails every
    /// client behind it. Set it where clients connect directly.</summary>
    public long? MaxConcurrentConnections { get; set; } = Framework.MaxConcurrentConnections;

    /// <summary>64 KB, not Kestrel's 30 MB: no endpoint reads a body but the Development issuer's /dev/explain, which
    /// takes one token of at most 16 KB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>10 s, not Kestrel's 30 s: the most headers Kestrel accepts (32 KB) need no longer, and a client that sends
    /// them a byte at a time (slowloris) holds its connection a third as long.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Kestrel's 130 s: it must outlast a load balancer's idle timeout, or the balancer reuses a connection the
    /// API has just closed and answers 502.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = Framework.KeepAliveTimeout;

    /// <summary>Kestrel's 32 KB: room for the longest token the API reads (16 KB) and the usual headers.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = Framework.MaxRequestHeadersTotalSize;

    /// <summary>Kestrel's 100: a browser sends about 20.</summary>
    public int MaxRequestHeaderCount { get; set; } = Framework.MaxRequestHeaderCount;

    public static readonly TimeSettingRange RequestHeadersTimeoutRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    public static readonly TimeSettingRange KeepAliveTimeoutRange = new(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>The settings, bound from configuration once, for the builder and for every
    /// <c>IOptions&lt;KestrelLimitsOptions&gt;</c> (see <see cref="SettingsBoundOnce"/>).</summary>
    public static KestrelLimitsOptions Of(WebApplicationBuilder builder) =>
        builder.Services.BindOnce<KestrelLimitsOptions, KestrelLimitsOptionsValidator>(
            () => builder.Configuration.GetSection(Section).Get<KestrelLimitsOptions>() ?? new KestrelLimitsOptions());

    /// <summary>These limits as Kestrel is given them while the host is built: the defaults when the validator will
    /// refuse them before anything listens, since Kestrel throws on some of those values.</summary>
    public KestrelLimitsOptions ValidOrDefaults() =>
        new KestrelLimitsOptionsValidator().Validate(null, this).Succeeded ? this : new KestrelLimitsOptions();

    public void ApplyTo(KestrelServerLimits limits)
    {
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        limits.MaxRequestBodySize = MaxRequestBodySize;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
    }
}

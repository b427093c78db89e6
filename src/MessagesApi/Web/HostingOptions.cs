using ResourceServer.AspNetCore;

namespace MessagesApi.Web;

/// <summary>Where the API listens and which web apps may call it, under the Auth0 samples' variable names.</summary>
internal sealed class HostingOptions
{
    public const int DefaultPort = 6060;
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    [ConfigurationKeyName("PORT")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>One origin, or several separated by commas.</summary>
    [ConfigurationKeyName("CLIENT_ORIGIN_URL")]
    public string ClientOriginUrl { get; set; } = "http://localhost:4040";

    /// <summary>ASP.NET Core's own address settings (ASPNETCORE_URLS or --urls, ASPNETCORE_HTTP_PORTS, ASPNETCORE_HTTPS_PORTS),
    /// bound only to be refused: the API listens on PORT alone, so that one setting decides where it listens, what the
    /// healthcheck asks and which issuer URL the development tokens name.</summary>
    [ConfigurationKeyName("URLS")]
    public string? Urls { get; set; }

    /// <inheritdoc cref="Urls"/>
    [ConfigurationKeyName("HTTP_PORTS")]
    public string? HttpPorts { get; set; }

    /// <inheritdoc cref="Urls"/>
    [ConfigurationKeyName("HTTPS_PORTS")]
    public string? HttpsPorts { get; set; }

    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>On SIGTERM, once <see cref="ShutdownDelay"/> is over, how long in-flight requests may finish; with the
    /// delay's default, the default fits Kubernetes' 30 s grace period.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>Zero stops at once; over 10 minutes, no orchestrator waits (and no request here takes) that long.</summary>
    public static readonly TimeSettingRange ShutdownTimeoutRange = new(TimeSpan.Zero, TimeSpan.FromMinutes(10));

    public static readonly TimeSpan DefaultShutdownDelay = TimeSpan.FromSeconds(5);

    /// <summary>On SIGTERM, how long the API keeps serving, new connections included, while /readyz answers 503, before
    /// it stops accepting: time for load balancers to stop sending it requests. The default covers Kubernetes taking a
    /// terminating pod out of its Service's endpoints.</summary>
    public TimeSpan ShutdownDelay { get; set; } = DefaultShutdownDelay;

    /// <summary>Zero stops accepting at once; no load balancer needs over 5 minutes to stop sending requests.</summary>
    public static readonly TimeSettingRange ShutdownDelayRange = new(TimeSpan.Zero, TimeSpan.FromMinutes(5));

    /// <summary>The settings, bound from configuration once, for the builder and for every <c>IOptions&lt;HostingOptions&gt;</c>
    /// (see <see cref="SettingsBoundOnce"/>).</summary>
    public static HostingOptions Of(WebApplicationBuilder builder) =>
        builder.Services.BindOnce<HostingOptions, HostingOptionsValidator>(() => builder.Configuration.Get<HostingOptions>() ?? new HostingOptions());

    /// <summary>PORT as Kestrel and the development issuer are told it while the host is built: the default for a port
    /// the validator will refuse before anything listens.</summary>
    public int ListenPort => HasValidPort ? Port : DefaultPort;

    public bool HasValidPort => Port is >= MinPort and <= MaxPort;

    /// <summary>How long the host's stop may take, the delay included, as the host is told it while it is built: the
    /// defaults for values the validator will refuse, since the host's stop would throw on them.</summary>
    public TimeSpan HostShutdownTimeout =>
        (ShutdownDelayRange.Contains(ShutdownDelay) ? ShutdownDelay : DefaultShutdownDelay)
        + (ShutdownTimeoutRange.Contains(ShutdownTimeout) ? ShutdownTimeout : DefaultShutdownTimeout);

    public IReadOnlyList<string> ClientOrigins =>
        ClientOriginUrl.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => origin.TrimEnd('/'))
            .ToArray();
}

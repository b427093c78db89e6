namespace ResourceServer.AspNetCore.Clients;

/// <summary>The proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed (section
/// <c>ForwardedHeaders</c>). Off while both lists are empty: then the connection's own address is the client and its
/// URL is the one it called, whatever headers say, so no client can pick its own identity.</summary>
internal sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>CIDR networks, e.g. <c>10.0.0.0/8</c>. An IPv4 network also matches IPv4-mapped IPv6 addresses
    /// (<c>::ffff:10.1.2.3</c>), which is how IPv4 clients reach a dual-stack listener: the framework's middleware maps
    /// them back before it compares.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Single addresses, e.g. <c>10.1.2.3</c> or <c>fd00::1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    public bool Enabled => KnownNetworks.Length > 0 || KnownProxies.Length > 0;

    /// <summary>The settings as a comma-separated string (<c>ForwardedHeaders__KnownNetworks=10.0.0.0/8,fd00::/8</c>),
    /// which the binder leaves unbound, or as an array.</summary>
    public static TrustedProxyOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new TrustedProxyOptions
        {
            KnownNetworks = ListFrom(section.GetSection(nameof(KnownNetworks))),
            KnownProxies = ListFrom(section.GetSection(nameof(KnownProxies))),
        };
    }

    private static string[] ListFrom(IConfigurationSection section) =>
        (section.Value is { } commaSeparated ? commaSeparated.Split(',') : section.GetChildren().Select(child => child.Value ?? ""))
            .Select(item => item.Trim())
            .Where(item => item.Length > 0)
            .ToArray();
}

using System.Net;
using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Clients;

internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var network in options.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network, out var parsed) || !IPAddress.Parse(network.Split('/')[0]).Equals(parsed.BaseAddress))
                failures.Add($"ForwardedHeaders:KnownNetworks contains '{network}', which is not a network: write its first address and prefix length, e.g. 10.0.0.0/8 or fd00::/8.");
            else if (parsed.PrefixLength == 0)
                failures.Add($"ForwardedHeaders:KnownNetworks contains '{network}', which trusts every address: any client could then choose its own address. List only your proxies' network.");
        }
        foreach (var proxy in options.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
                failures.Add($"ForwardedHeaders:KnownProxies contains '{proxy}', which is not an IP address, e.g. 10.1.2.3 or fd00::1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal sealed partial class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var failures = new List<string>();
        if (!options.HasValidPort)
            failures.Add($"PORT is {options.Port}; use a port from {HostingOptions.MinPort} to {HostingOptions.MaxPort}, e.g. PORT={HostingOptions.DefaultPort}.");
        foreach (var origin in options.ClientOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                failures.Add($"CLIENT_ORIGIN_URL contains '{origin}', which is not an origin. Use e.g. CLIENT_ORIGIN_URL=http://localhost:4040.");
        }
        if (!string.IsNullOrWhiteSpace(options.Urls))
            failures.Add($"ASPNETCORE_URLS (or --urls) is '{options.Urls}', but this API listens on PORT alone (in Development on localhost only): unset it and set PORT, e.g. PORT={PortIn(options.Urls)}.");
        if (!string.IsNullOrWhiteSpace(options.HttpPorts))
            failures.Add($"ASPNETCORE_HTTP_PORTS is '{options.HttpPorts}', but this API listens on PORT alone: unset it and set PORT, e.g. PORT={PortIn(options.HttpPorts)}.");
        if (!string.IsNullOrWhiteSpace(options.HttpsPorts))
            failures.Add($"ASPNETCORE_HTTPS_PORTS is '{options.HttpsPorts}', but this API serves plain HTTP on PORT alone, behind a proxy that terminates TLS: unset it.");
        if (HostingOptions.ShutdownTimeoutRange.Refusal("ShutdownTimeout", options.ShutdownTimeout, HostingOptions.DefaultShutdownTimeout) is { } refusal)
            failures.Add(refusal);
        if (HostingOptions.ShutdownDelayRange.Refusal("ShutdownDelay", options.ShutdownDelay, HostingOptions.DefaultShutdownDelay) is { } delayRefusal)
            failures.Add(delayRefusal);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The port a single URL or port list names, for the example; the default port otherwise.</summary>
    private static string PortIn(string addresses) =>
        LastPort().Match(addresses.Split([',', ';'])[0].Trim()) is { Success: true } port ? port.Groups[1].Value : HostingOptions.DefaultPort.ToString();

    [GeneratedRegex(@"(?:^|:)(\d{1,5})/?$")]
    private static partial Regex LastPort();
}

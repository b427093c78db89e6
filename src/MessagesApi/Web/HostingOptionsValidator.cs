using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < HostingOptions.MinPort or > HostingOptions.MaxPort)
            failures.Add($"PORT is {options.Port}; use a port from {HostingOptions.MinPort} to {HostingOptions.MaxPort}, e.g. PORT={HostingOptions.DefaultPort}.");
        foreach (var origin in options.ClientOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                failures.Add($"CLIENT_ORIGIN_URL contains '{origin}', which is not an origin. Use e.g. CLIENT_ORIGIN_URL=http://localhost:4040.");
        }
        if (HostingOptions.ShutdownTimeoutRange.Refusal("ShutdownTimeout", options.ShutdownTimeout, HostingOptions.DefaultShutdownTimeout) is { } refusal)
            failures.Add(refusal);
        if (HostingOptions.ShutdownDelayRange.Refusal("ShutdownDelay", options.ShutdownDelay, HostingOptions.DefaultShutdownDelay) is { } delayRefusal)
            failures.Add(delayRefusal);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

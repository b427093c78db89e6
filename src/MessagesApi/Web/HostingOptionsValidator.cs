using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
            failures.Add($"PORT is {options.Port}; use a port from 1 to 65535, e.g. PORT=6060.");
        foreach (var origin in options.ClientOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                failures.Add($"CLIENT_ORIGIN_URL contains '{origin}', which is not an origin. Use e.g. CLIENT_ORIGIN_URL=http://localhost:4040.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

internal sealed class KestrelLimitsOptionsValidator : IValidateOptions<KestrelLimitsOptions>
{
    private const string Prefix = KestrelLimitsOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, KestrelLimitsOptions options)
    {
        var defaults = new KestrelLimitsOptions();
        var failures = new List<string>();
        if (options.MaxConcurrentConnections is < 1)
            failures.Add($"{Prefix}MaxConcurrentConnections is {options.MaxConcurrentConnections}; use a number of at least 1, or leave it unset for no limit.");
        if (options.MaxRequestBodySize < 0)
            failures.Add($"{Prefix}MaxRequestBodySize is {options.MaxRequestBodySize}; use a number of bytes, 0 or more, e.g. Kestrel__Limits__MaxRequestBodySize={defaults.MaxRequestBodySize}.");
        if (options.MaxRequestHeadersTotalSize < 1)
            failures.Add($"{Prefix}MaxRequestHeadersTotalSize is {options.MaxRequestHeadersTotalSize}; use a number of bytes of at least 1, e.g. Kestrel__Limits__MaxRequestHeadersTotalSize={defaults.MaxRequestHeadersTotalSize}.");
        if (options.MaxRequestHeaderCount < 1)
            failures.Add($"{Prefix}MaxRequestHeaderCount is {options.MaxRequestHeaderCount}; use a number of at least 1, e.g. Kestrel__Limits__MaxRequestHeaderCount={defaults.MaxRequestHeaderCount}.");
        if (KestrelLimitsOptions.RequestHeadersTimeoutRange.Refusal(Prefix + "RequestHeadersTimeout", options.RequestHeadersTimeout, defaults.RequestHeadersTimeout) is { } headers)
            failures.Add(headers);
        if (KestrelLimitsOptions.KeepAliveTimeoutRange.Refusal(Prefix + "KeepAliveTimeout", options.KeepAliveTimeout, defaults.KeepAliveTimeout) is { } keepAlive)
            failures.Add(keepAlive);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

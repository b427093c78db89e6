using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Observability;

/// <summary>Refuses rejection logging settings that cannot work, naming the setting and a value that does.</summary>
internal sealed class RejectionLogOptionsValidator : IValidateOptions<RejectionLogOptions>
{
    private static readonly RejectionLogOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, RejectionLogOptions options)
    {
        var failures = new List<string>();
        if (options.LinesPerInterval < 0)
            failures.Add($"{RejectionLogOptions.Section}:LinesPerInterval is {options.LinesPerInterval}; use 0 (summary lines only) or more, " +
                $"e.g. Observability__RejectionLog__LinesPerInterval={Defaults.LinesPerInterval}.");
        if (RejectionLogOptions.IntervalRange.Refusal($"{RejectionLogOptions.Section}:Interval", options.Interval, Defaults.Interval) is { } refusal)
            failures.Add(refusal);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

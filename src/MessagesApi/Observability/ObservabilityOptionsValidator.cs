using Microsoft.Extensions.Options;

namespace MessagesApi.Observability;

/// <summary>Refuses rejection logging settings that cannot work, naming the setting and a value that does.</summary>
internal sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    private static readonly RejectionLogOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var failures = new List<string>();
        var rejectionLog = options.RejectionLog;
        if (rejectionLog.LinesPerInterval < 0)
            failures.Add($"Observability:RejectionLog:LinesPerInterval is {rejectionLog.LinesPerInterval}; use 0 (summary lines only) or more, " +
                $"e.g. Observability__RejectionLog__LinesPerInterval={Defaults.LinesPerInterval}.");
        if (RejectionLogOptions.IntervalRange.Refusal("Observability:RejectionLog:Interval", rejectionLog.Interval, Defaults.Interval) is { } refusal)
            failures.Add(refusal);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

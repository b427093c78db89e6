using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.Clients;

internal sealed class FailureBudgetOptionsValidator : IValidateOptions<FailureBudgetOptions>
{
    private static readonly FailureBudgetOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, FailureBudgetOptions options)
    {
        var failures = new[]
        {
            Count("Burst", options.Burst, Defaults.Burst, FailureBudgetOptions.MaxBurst),
            FailureBudgetOptions.RefillIntervalRange.Refusal($"{FailureBudgetOptions.Section}:RefillInterval", options.RefillInterval, Defaults.RefillInterval),
            FailureBudgetOptions.HoldTimeRange.Refusal($"{FailureBudgetOptions.Section}:HoldTime", options.HoldTime, Defaults.HoldTime),
            Count("MaxHeldRequests", options.MaxHeldRequests, Defaults.MaxHeldRequests, FailureBudgetOptions.MaxCount),
            Count("MaxClients", options.MaxClients, Defaults.MaxClients, FailureBudgetOptions.MaxCount),
        }.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Count(string setting, int value, int example, int max) =>
        value >= 1 && value <= max ? null
        : $"{FailureBudgetOptions.Section}:{setting} is {value}; use a number from 1 to {max}, e.g. Clients__FailureBudget__{setting}={example}.";
}

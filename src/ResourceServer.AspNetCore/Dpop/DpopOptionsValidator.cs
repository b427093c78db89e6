using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Keys;

namespace ResourceServer.AspNetCore.Dpop;

internal sealed class DpopOptionsValidator : IValidateOptions<DpopOptions>
{
    private static readonly DpopOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, DpopOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
            failures.Add($"{DpopOptions.Section}:Mode is {(int)options.Mode}; use Allowed, Required or Disabled.");
        foreach (var algorithm in options.Algorithms.Where(a => !SigningKeyPolicy.IsAsymmetric(a)))
            failures.Add($"{DpopOptions.Section}:Algorithms contains '{algorithm}'; proofs must be signed with an asymmetric algorithm (RS*, PS*, ES*).");
        failures.AddRange(new[]
        {
            DpopOptions.ProofMaxAgeRange.Refusal($"{DpopOptions.Section}:ProofMaxAge", options.ProofMaxAge, Defaults.ProofMaxAge),
            DpopOptions.NonceLifetimeRange.Refusal($"{DpopOptions.Section}:NonceLifetime", options.NonceLifetime, Defaults.NonceLifetime),
        }.OfType<string>());
        if (options.NonceKey is { Length: > 0 and < 32 })
            failures.Add($"{DpopOptions.Section}:NonceKey is {options.NonceKey.Length} characters; use at least 32 random characters, the same on every replica.");
        if (options.Redis is { Length: > 0 } redis && RedisRefusal(redis) is { } refusal)
            failures.Add(refusal);
        if (options.MaxRememberedProofs < 1)
            failures.Add($"{DpopOptions.Section}:MaxRememberedProofs must be positive, e.g. {Defaults.MaxRememberedProofs}.");
        if (!(options.MaxKeyShare is >= DpopOptions.MinKeyShare and <= 1))
            failures.Add($"{DpopOptions.Section}:MaxKeyShare is {options.MaxKeyShare}; it is the fraction of MaxRememberedProofs one DPoP key may hold " +
                $"(a key over it gets 429 while the others carry on): use a number from {DpopOptions.MinKeyShare} to 1, e.g. {Defaults.MaxKeyShare} for a quarter.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? RedisRefusal(string configuration)
    {
        try
        {
            DpopRedisConnection.Options(configuration);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"{DpopOptions.Section}:Redis does not parse as a StackExchange.Redis configuration ({e.Message}); e.g. Auth0__Dpop__Redis=redis:6379.";
        }
    }
}

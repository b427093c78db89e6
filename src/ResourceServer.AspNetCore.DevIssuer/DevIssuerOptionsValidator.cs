using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.DevIssuer;

internal sealed class DevIssuerOptionsValidator : IValidateOptions<DevIssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, DevIssuerOptions options) =>
        DevIssuerOptions.DefaultTokenLifetimeRange.Refusal("DevIssuer:DefaultTokenLifetime", options.DefaultTokenLifetime, DevIssuerOptions.StandardTokenLifetime) is { } refusal
            ? ValidateOptionsResult.Fail(refusal)
            : ValidateOptionsResult.Success;
}

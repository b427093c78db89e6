using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Keys;

namespace ResourceServer.AspNetCore.Introspection;

internal sealed class IntrospectionOptionsValidator(IOptions<Auth0Options> auth0) : IValidateOptions<IntrospectionOptions>
{
    private const string Prefix = IntrospectionOptions.Section + ":";
    private static readonly IntrospectionOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, IntrospectionOptions options)
    {
        if (!options.Enabled)
            return options is { ClientSecret: null, PrivateKeyFile: null, Endpoint: null }
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Prefix}ClientId is not set, so the other {IntrospectionOptions.Section} settings would do nothing: set the client the API introspects as, e.g. Auth0__Introspection__ClientId=messages-api.");
        var failures = new List<string>();
        if ((options.ClientSecret is { Length: > 0 }) == (options.PrivateKeyFile is { Length: > 0 }))
            failures.Add($"{IntrospectionOptions.Section} needs one way to authenticate: ClientSecret (client_secret_basic) or PrivateKeyFile (private_key_jwt), not both and not neither.");
        if (options.PrivateKeyFile is { Length: > 0 } file && ClientAssertion.KeyRefusal(file) is { } unreadable)
            failures.Add($"{Prefix}PrivateKeyFile {unreadable}");
        if (options.Endpoint is { } endpoint && !IsHttpsOrLoopback(endpoint))
            failures.Add($"{Prefix}Endpoint is '{endpoint}'; use the issuer's https introspection URL, e.g. https://issuer.example.com/oauth/introspect.");
        var issuers = auth0.Value.Issuers;
        if (options.Issuer is { } issuer && !issuers.Any(trusted => IssuerIdentifier.Same(trusted, issuer)))
            failures.Add($"{Prefix}Issuer is '{issuer}', which is not one of AUTH0_DOMAIN's issuers ({string.Join(", ", issuers)}).");
        else if (options.Issuer is null && issuers.Count > 1)
            failures.Add($"{Prefix}Issuer is not set and AUTH0_DOMAIN names {issuers.Count} issuers: name the one to ask, e.g. Auth0__Introspection__Issuer={issuers[0]}.");
        if (IntrospectionOptions.CacheMaxLifetimeRange.Refusal($"{Prefix}CacheMaxLifetime", options.CacheMaxLifetime, Defaults.CacheMaxLifetime) is { } lifetime)
            failures.Add(lifetime);
        if (options.MaxConcurrentCalls < 1)
            failures.Add($"{Prefix}MaxConcurrentCalls must be positive, e.g. {Defaults.MaxConcurrentCalls}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpsOrLoopback(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);
}

using Microsoft.Extensions.Options;
using ResourceServer.AspNetCore.Clients;
using ResourceServer.AspNetCore.Dpop;

namespace ResourceServer.AspNetCore.Binding;

internal sealed class CertificateBindingOptionsValidator(IOptions<TrustedProxyOptions> proxies, IOptions<DpopOptions> dpop) : IValidateOptions<CertificateBindingOptions>
{
    private const string Header = CertificateBindingOptions.Section + ":" + nameof(CertificateBindingOptions.ForwardedHeader);

    public ValidateOptionsResult Validate(string? name, CertificateBindingOptions options)
    {
        if (options.Enabled && dpop.Value.Mode == DpopMode.Required)
            return ValidateOptionsResult.Fail($"{CertificateBindingOptions.Section}:Enabled is set while {DpopOptions.Section}:Mode is Required, which refuses " +
                "every token not sent under the DPoP scheme, certificate-bound ones too: choose one, or set Auth0__Dpop__Mode=Allowed.");
        if (options.ForwardedHeader is not { } header)
            return ValidateOptionsResult.Success;
        if (!IsToken(header))
            return ValidateOptionsResult.Fail($"{Header} is '{header}', which is not a header name, e.g. ssl-client-cert.");
        if (!options.Enabled)
            return ValidateOptionsResult.Fail($"{Header} is set but {CertificateBindingOptions.Section}:Enabled is not: set Auth0__CertificateBinding__Enabled=true, or remove the header setting.");
        if (!proxies.Value.Enabled)
            return ValidateOptionsResult.Fail($"{Header} is set but no proxy is trusted, so it would never be read: list the proxy in " +
                $"{TrustedProxyOptions.Section}:KnownProxies or KnownNetworks, e.g. ForwardedHeaders__KnownProxies=10.0.0.5.");
        return ValidateOptionsResult.Success;
    }

    // RFC 9110 §5.1: a field name is a token.
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}

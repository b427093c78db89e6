using Microsoft.Extensions.Options;

namespace ResourceServer.AspNetCore.ResourceMetadata;

/// <summary>Refuses a PUBLIC_URL that RFC 9728 clients would reject, so the mistake shows at start and not in every client.</summary>
internal sealed class ProtectedResourceOptionsValidator(IHostEnvironment environment) : IValidateOptions<ProtectedResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectedResourceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
            return ValidateOptionsResult.Success;
        var value = options.PublicUrl.Trim();
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || url.Query != "" || url.Fragment != "" || url.UserInfo != "")
            return ValidateOptionsResult.Fail(
                $"PUBLIC_URL is '{value}', which is not a URL clients can call this API at. Use e.g. PUBLIC_URL=https://api.example.com (no query, fragment or user name).");
        if (url.Scheme == "http" && !environment.IsDevelopment())
            return ValidateOptionsResult.Fail(
                $"PUBLIC_URL '{value}' uses plain HTTP, which is refused outside Development: RFC 9728 clients accept only an https resource. Use the https URL clients call, e.g. PUBLIC_URL=https://api.example.com.");
        return ValidateOptionsResult.Success;
    }
}

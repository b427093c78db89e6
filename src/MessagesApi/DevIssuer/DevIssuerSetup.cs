using Microsoft.Extensions.Options;
using MessagesApi.Web;
using ResourceServer.AspNetCore;

namespace MessagesApi.DevIssuer;

internal static class DevIssuerSetup
{
    /// <summary>In Development with no AUTH0_DOMAIN, the API becomes its own issuer at http://localhost:{PORT}/dev-issuer/
    /// and trusts it through discovery and JWKS exactly as it trusts Auth0. Anywhere else this does nothing.</summary>
    public static WebApplicationBuilder AddDevelopmentIssuer(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(Auth0Options.DomainFrom(builder.Configuration)))
            return builder;
        var options = CreateOptions(builder);
        builder.Configuration.AddInMemoryCollection([new("AUTH0_DOMAIN", options.Issuer)]);
        builder.Services.AddOptions<DevIssuerOptions>()
            .BindConfiguration(DevIssuerOptions.Section)
            .Configure(configured => (configured.Issuer, configured.Audience) = (options.Issuer, options.Audience))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DevIssuerOptions>, DevIssuerOptionsValidator>();
        builder.Services.AddSingleton<DevSigningKeys>();
        builder.Services.AddSingleton<DevTokenMinter>();
        builder.Services.AddHostedService<DevIssuerWelcome>();
        return builder;
    }

    /// <summary>Maps the issuer's endpoints when <see cref="AddDevelopmentIssuer"/> turned it on.</summary>
    public static WebApplication MapDevelopmentIssuerIfEnabled(this WebApplication app)
    {
        // Asks whether the issuer is registered without building it: that would read its options before RunOrExplain validates them.
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DevSigningKeys)))
            app.MapDevelopmentIssuer();
        return app;
    }

    /// <summary>Whether <see cref="AddDevelopmentIssuer"/> turned the issuer on for this builder.</summary>
    public static bool IsOn(WebApplicationBuilder builder) => builder.Services.Any(s => s.ServiceType == typeof(DevSigningKeys));

    public static DevIssuerOptions CreateOptions(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DevIssuerOptions.Section).Get<DevIssuerOptions>() ?? new DevIssuerOptions();
        options.Issuer = $"http://localhost:{HostingOptions.PortFrom(builder.Configuration)}{DevIssuerEndpoints.IssuerPath}";
        options.Audience = Auth0Options.AudienceFrom(builder.Configuration) ?? "";
        return options;
    }
}

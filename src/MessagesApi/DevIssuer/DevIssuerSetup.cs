using MessagesApi.Web;
using ResourceServer.AspNetCore;

namespace MessagesApi.DevIssuer;

internal static class DevIssuerSetup
{
    /// <summary>In Development with no AUTH0_DOMAIN, the API becomes its own issuer at http://localhost:{PORT}/dev-issuer/
    /// and trusts it through discovery and JWKS exactly as it trusts Auth0. Anywhere else this does nothing.</summary>
    public static WebApplicationBuilder AddDevelopmentIssuer(this WebApplicationBuilder builder)
    {
        var auth0 = Auth0Options.Of(builder);
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(auth0.Domain))
            return builder;
        auth0.Domain = DevIssuerOptions.Of(builder).Issuer;
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
}

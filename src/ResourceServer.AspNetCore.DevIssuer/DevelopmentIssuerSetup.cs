using Microsoft.AspNetCore.Http.Json;

namespace ResourceServer.AspNetCore.DevIssuer;

/// <summary>A development issuer for an API that checks tokens with <see cref="ResourceServerSetup.AddResourceServer"/>:
/// in Development, with no issuer configured, the API signs its own tokens and trusts them through discovery and JWKS
/// exactly as it trusts Auth0's.</summary>
public static class DevelopmentIssuerSetup
{
    /// <summary>In Development with <c>AUTH0_DOMAIN</c> (<c>Auth0:Domain</c>) unset, makes the API its own issuer at
    /// <c>http://localhost:{port}/dev-issuer/</c>, signing with a key kept in <c>DevIssuer:KeyFile</c> (by default in the
    /// user's application data, under the application's name). Anywhere else this does nothing. Call it before
    /// <see cref="ResourceServerSetup.AddResourceServer"/>, which then trusts this issuer.</summary>
    /// <param name="builder">The application's builder.</param>
    /// <param name="port">The port the API listens on in Development; when null, the first one of ASP.NET Core's own
    /// <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, the launch profile's <c>applicationUrl</c>) or
    /// <c>http_ports</c> settings, else Kestrel's default, 5000.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static WebApplicationBuilder AddDevelopmentIssuer(this WebApplicationBuilder builder, int? port = null)
    {
        var auth0 = Auth0Options.Of(builder);
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(auth0.Domain))
            return builder;
        auth0.Domain = DevIssuerOptions.Of(builder, port ?? ConfiguredPort.Of(builder.Configuration)).Issuer;
        builder.Services.AddSingleton<DevSigningKeys>();
        builder.Services.AddSingleton<DevTokenMinter>();
        // After the app's own configuration, which may clear the chain; first, so the issuer's bodies never need reflection.
        builder.Services.PostConfigure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, DevIssuerJson.Default));
        return builder;
    }

    /// <summary>Runs a development issuer command when <paramref name="args"/> starts with one, without starting the
    /// server: <c>token [--permission P]... [--sub S] [--lifetime SECONDS] [--dpop]</c> prints a token,
    /// <c>dpop-proof --url URL [--method M] [--token T]</c> a DPoP proof signed with the development DPoP key,
    /// <c>rotate-dev-key</c> rotates the issuer's key; each prints its usage with <c>--help</c>. Call it after
    /// <see cref="AddDevelopmentIssuer"/>.</summary>
    /// <param name="builder">The application's builder.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="invocation">How a developer starts the application with arguments, for the usage texts.</param>
    /// <returns>The command's exit code; null when <paramref name="args"/> names no such command.</returns>
    public static int? RunDevelopmentIssuerCommand(this WebApplicationBuilder builder, string[] args, string invocation = "dotnet run --") =>
        DevIssuerCommands.TryRun(builder, args, invocation);

    /// <summary>Maps the issuer's discovery document and JWKS, and <c>/dev/token</c> for clients on this machine, when
    /// <see cref="AddDevelopmentIssuer"/> turned the issuer on.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static WebApplication MapDevelopmentIssuerIfEnabled(this WebApplication app)
    {
        // Asks whether the issuer is registered without building it: that would read its options before start validates them.
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DevSigningKeys)))
            app.MapDevelopmentIssuer();
        return app;
    }

    /// <summary>Whether <see cref="AddDevelopmentIssuer"/> turned the issuer on for this builder.</summary>
    internal static bool IsOn(WebApplicationBuilder builder) => builder.Services.BoundOnce<DevIssuerOptions>() is not null;
}

using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

/// <summary>CORS for the web apps in CLIENT_ORIGIN_URL: GET with Authorization and Content-Type, WWW-Authenticate readable
/// (why a call was refused, and where the RFC 9728 metadata is), preflight cached a day.</summary>
internal static class ClientOriginCors
{
    public static IServiceCollection AddClientOriginCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<HostingOptions>>((cors, hosting) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(hosting.Value.ClientOrigins.ToArray())
                .WithMethods(HttpMethods.Get)
                .WithHeaders("Authorization", "Content-Type", "DPoP")
                .WithExposedHeaders("WWW-Authenticate", "Retry-After", "DPoP-Nonce")
                .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        return services;
    }

    /// <summary>The CORS middleware, and <c>Vary: Origin</c> on every response: the policy applies to the whole API, so
    /// every answer depends on Origin (with or without Access-Control-Allow-Origin), and a shared cache must not hand one
    /// origin's answer to another. The middleware adds it only for a policy listing several origins.</summary>
    public static WebApplication UseClientOriginCors(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var vary = context.Response.Headers.Vary;
                if (!vary.Any(value => value is not null && value.Split(',').Any(name => name.Trim().Equals(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))))
                    context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCors();
        return app;
    }
}

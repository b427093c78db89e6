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
                .WithHeaders("Authorization", "Content-Type")
                .WithExposedHeaders("WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        return services;
    }
}

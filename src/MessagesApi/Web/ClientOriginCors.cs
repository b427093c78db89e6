using Microsoft.Extensions.Options;

namespace MessagesApi.Web;

/// <summary>CORS for the web apps in CLIENT_ORIGIN_URL: GET with Authorization and Content-Type, preflight cached a day.</summary>
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
                .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        return services;
    }
}

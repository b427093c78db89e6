using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MessagesApi.Health;

internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SigningKeysHealthCheck>("signing-keys", tags: [ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [ReadyTag]);
        return services;
    }

    /// <summary>/healthz: the process serves requests. /readyz: it can also validate tokens and is not shutting down. Both
    /// anonymous, JSON.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatus });
        return app;
    }

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthStatus(report.Status.ToString()));

    private sealed record HealthStatus(string Status);
}

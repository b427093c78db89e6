using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResourceServer.AspNetCore;

namespace MessagesApi.Health;

internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>Where the framework logs every check's result on every probe: a Degraded one as a Warning, an Unhealthy one
    /// (every drain, every start until the keys are loaded) as an Error.</summary>
    private const string FrameworkLogCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: [HealthTags.Ready]);
        // The library adds the signing keys', DPoP's Redis and introspection's checks. Each change is logged once, where it
        // happens, not per probe: DPoP's Redis by RedisDpopHealthCheck, the signing keys by their fetches, introspection by
        // IntrospectionAvailability, the drain by DrainDelay. No check
        // here throws: each turns a failure into its reason.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(FrameworkLogCategory, LogLevel.None));
        return services;
    }

    /// <summary>/healthz: the process serves requests. /readyz: it can also validate tokens and is not shutting down (503
    /// when not); an optional dependency that does not answer makes it Degraded, still 200, as the replica serves the
    /// rest. Both anonymous, JSON: the status, and the reasons when it is not healthy.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteStatus });
        return app;
    }

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthBody(report.Status.ToString(), Reasons(report)), HealthBodyJson.Default.HealthBody);

    /// <summary>Why it is not healthy: each failing or degraded check's description.</summary>
    private static string[] Reasons(HealthReport report) =>
        [.. report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => entry.Value.Description ?? $"{entry.Key} is {entry.Value.Status}.")];
}

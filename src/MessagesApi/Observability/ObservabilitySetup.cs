using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ResourceServer.AspNetCore;
using ResourceServer.AspNetCore.Observability;

namespace MessagesApi.Observability;

internal static class ObservabilitySetup
{
    /// <summary>OpenTelemetry metrics (ASP.NET Core's
    /// request duration and count, and <see cref="AuthMetrics"/>) and traces, exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set and to Prometheus when a path is configured. With neither, nothing is
    /// collected: recording spans and histograms nobody reads costs every request.</summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Services.BindOnce(() => builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions());
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && string.IsNullOrEmpty(options.PrometheusPath))
            return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("MessagesApi"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(AuthMetrics.MeterName);
                if (!string.IsNullOrEmpty(options.PrometheusPath))
                    metrics.AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter();
            });
        return builder;
    }

    public static WebApplication MapPrometheusWhenEnabled(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.PrometheusPath;
        if (!string.IsNullOrEmpty(path))
            app.MapPrometheusScrapingEndpoint(path);
        return app;
    }
}

namespace MessagesApi.Observability;

/// <summary>Metrics export settings, from the "Observability" section (the library reads its RejectionLog subsection).
/// OTLP export follows the standard OTEL_* variables.</summary>
internal sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Where Prometheus may scrape metrics, e.g. "/metrics". Off when empty: metrics can reveal traffic patterns.</summary>
    public string? PrometheusPath { get; set; }
}

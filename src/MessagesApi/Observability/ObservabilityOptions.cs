namespace MessagesApi.Observability;

/// <summary>Metrics export and rejection logging settings, from the "Observability" section. OTLP export follows the
/// standard OTEL_* variables.</summary>
internal sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Where Prometheus may scrape metrics, e.g. "/metrics". Off when empty: metrics can reveal traffic patterns.</summary>
    public string? PrometheusPath { get; set; }

    public RejectionLogOptions RejectionLog { get; set; } = new();
}

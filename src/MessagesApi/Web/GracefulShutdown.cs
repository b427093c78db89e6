namespace MessagesApi.Web;

internal static class GracefulShutdown
{
    /// <summary>On SIGTERM, /readyz answers 503 while the API keeps serving for ShutdownDelay; then the host stops
    /// accepting and gives in-flight requests up to ShutdownTimeout before it exits 0 (see <see cref="HostingOptions"/>).</summary>
    public static WebApplicationBuilder UseGracefulShutdown(this WebApplicationBuilder builder)
    {
        // The host's timeout bounds its whole stop, the delay included.
        var hosting = HostingOptions.Of(builder);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = hosting.HostShutdownTimeout);
        builder.Services.AddHostedService<DrainDelay>();
        return builder;
    }
}

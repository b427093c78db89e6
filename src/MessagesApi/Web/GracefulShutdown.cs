namespace MessagesApi.Web;

internal static class GracefulShutdown
{
    /// <summary>On SIGTERM the host stops accepting and gives in-flight requests up to ShutdownTimeout (see
    /// <see cref="HostingOptions.ShutdownTimeout"/>) before it exits 0.</summary>
    public static WebApplicationBuilder UseConfiguredShutdownTimeout(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = HostingOptions.ShutdownTimeoutFrom(builder.Configuration));
        return builder;
    }
}

namespace MessagesApi.Web;

internal static class GracefulShutdown
{
    /// <summary>On SIGTERM the host stops accepting and gives in-flight requests up to ShutdownTimeout (default 20 s,
    /// inside Kubernetes' 30 s grace period) before it exits 0.</summary>
    public static WebApplicationBuilder UseConfiguredShutdownTimeout(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = builder.Configuration.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(20)));
        return builder;
    }
}

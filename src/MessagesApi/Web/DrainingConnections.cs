namespace MessagesApi.Web;

internal static class DrainingConnections
{
    /// <summary>From SIGTERM on, HTTP/1.x responses carry <c>Connection: close</c>: a keep-alive client reconnects, and the
    /// load balancer sends the new connection to another replica. HTTP/2 has no such header; Kestrel's GOAWAY does it.</summary>
    public static WebApplication UseConnectionCloseWhileDraining(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (stopping.IsCancellationRequested && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
                context.Response.Headers.Connection = "close";
            return next(context);
        });
        return app;
    }
}

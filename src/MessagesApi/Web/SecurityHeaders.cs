namespace MessagesApi.Web;

/// <summary>The security headers of the Auth0 samples, on every response including errors.</summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none';";

    // Swagger UI runs inline scripts and styles; this looser policy applies under its own path only.
    private const string SwaggerUiContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https:; frame-ancestors 'none';";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set when the response starts, so headers survive the exception handler clearing the response.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XXSSProtection = "0";
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XFrameOptions = "deny";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(OpenApi.SwaggerSetup.UiPath)
                    ? SwaggerUiContentSecurityPolicy
                    : ContentSecurityPolicy;
                headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
                headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}

namespace MessagesApi.Health;

/// <summary><c>MessagesApi healthcheck</c>: asks the running API's /healthz and exits 0 when it answers 200.
/// The container's HEALTHCHECK uses it, because the chiseled runtime image has no shell and no curl.</summary>
internal static class HealthCheckCommand
{
    public static int? TryRun(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["healthcheck", ..])
            return null;
        var port = Web.HostingOptions.PortFrom(builder.Configuration);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            return client.GetAsync($"http://localhost:{port}{HealthEndpoints.LivenessPath}").GetAwaiter().GetResult().IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}

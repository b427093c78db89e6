using ResourceServer.AspNetCore.DevIssuer;
using MessagesApi.Web;

namespace MessagesApi.Health;

/// <summary><c>MessagesApi healthcheck</c>: asks the running API's /healthz and exits 0 when it answers 200.
/// The container's HEALTHCHECK uses it, because the chiseled runtime image has no shell and no curl.</summary>
internal static class HealthCheckCommand
{
    private const string Usage = $"""
        Usage: MessagesApi healthcheck
        Asks the API running on this machine for http://localhost:PORT{HealthEndpoints.LivenessPath} (PORT 6060 unless set) and exits 0
        when it answers 200, 1 otherwise. The container image's HEALTHCHECK runs it: the image has no shell and no curl.
        """;

    public static int? TryRun(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["healthcheck", ..])
            return null;
        if (HelpFlag.IsAsked(args))
            return HelpFlag.Print(Usage);
        var port = HostingOptions.Of(builder).ListenPort;
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
